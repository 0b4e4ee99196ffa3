namespace Billing.Benchmarks;

/// <summary>What one run (a customer count on one kind of state) measured, every rate beside the baseline of the same run.</summary>
internal sealed record ScenarioResult(
    int Customers,
    string State,
    double BaselineRate,
    double ColdRate,
    double SustainedRate,
    double VisibleP50,
    double VisibleP99,
    double QueryP99,
    int QueryFailures,
    long SiloPeakBytes,
    IReadOnlyList<string> Errors);

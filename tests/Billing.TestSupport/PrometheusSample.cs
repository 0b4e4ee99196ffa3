namespace Billing.TestSupport;

/// <summary>One sample of a Prometheus exposition: a metric name, its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

namespace Billing.Benchmarks;

/// <summary>One rate of a sustained run: what was produced, whether the system kept up, and the latencies meanwhile.</summary>
/// <param name="TargetRate">The rate asked for, in events per second.</param>
/// <param name="ProducedRate">The rate actually produced.</param>
/// <param name="LagAtEnd">Records not yet committed when the step ended.</param>
/// <param name="Visible">Event to visible in the customer's usage.</param>
/// <param name="Queries"><c>GET /customers/{customer}</c> latencies.</param>
/// <param name="QueryFailures">Queries that did not answer 200.</param>
internal sealed record SustainedStep(double TargetRate, double ProducedRate, long LagAtEnd, Percentiles Visible, Percentiles Queries, int QueryFailures)
{
    /// <summary>Kept up: at the end, less than a second's worth of records waits (commits trail by a fraction of one).</summary>
    public bool Sustainable => LagAtEnd <= ProducedRate;
}

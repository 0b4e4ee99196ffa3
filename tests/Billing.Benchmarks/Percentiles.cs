namespace Billing.Benchmarks;

/// <summary>Latencies collected from any thread, summarized as percentiles.</summary>
internal sealed class Percentiles
{
    private readonly List<double> milliseconds = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan latency)
    {
        lock (gate)
        {
            milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>The <paramref name="percentile"/>th percentile in milliseconds (nearest rank), or NaN without samples.</summary>
    public double At(double percentile)
    {
        lock (gate)
        {
            if (milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = milliseconds.Order().ToList();
            var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }
}

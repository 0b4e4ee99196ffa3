using System.Diagnostics;

namespace Billing.Benchmarks;

/// <summary>
/// Event to visible: every <see cref="Interval"/> one event of a probe customer (which gets no other events) is
/// produced; its latency is the time until the customer's usage, read as the web app serves it, counts it.
/// </summary>
internal sealed class VisibilityProbes(LoadProducer producer, HttpClient http)
{
    public const int Probes = 16;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);

    public static string Customer(int index) => $"probe-{index:D2}";

    /// <summary>Makes every probe customer active (one event each), so that the probes measure warm customers.</summary>
    public async Task WarmAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, Probes).Select(index => producer.SendAsync(Customer(index))));
    }

    /// <summary>Probes until <paramref name="stop"/> is cancelled; the latencies seen.</summary>
    public async Task<Percentiles> RunAsync(CancellationToken stop)
    {
        var latencies = new Percentiles();
        var probes = new List<Task>();
        using var timer = new PeriodicTimer(Interval);
        var next = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                // A probe customer is probed again only once its last probe was seen.
                var index = next++ % Probes;
                if (probes.Count > index && !probes[index].IsCompleted)
                {
                    continue;
                }

                var probe = ProbeAsync(Customer(index), latencies);
                if (probes.Count > index)
                {
                    probes[index] = probe;
                }
                else
                {
                    probes.Add(probe);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await Task.WhenAll(probes);
        return latencies;
    }

    private async Task ProbeAsync(string customer, Percentiles latencies)
    {
        var expected = producer.CountOf(customer) + 1;
        var clock = Stopwatch.StartNew();
        _ = producer.SendAsync(customer);
        var deadline = TimeSpan.FromSeconds(60);
        while (clock.Elapsed < deadline)
        {
            if ((await UsageReader.ReadAsync(http, customer)).Count >= expected)
            {
                latencies.Add(clock.Elapsed);
                return;
            }

            await Task.Delay(PollEvery);
        }
    }
}

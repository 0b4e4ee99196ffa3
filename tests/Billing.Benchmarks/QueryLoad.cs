using System.Diagnostics;

namespace Billing.Benchmarks;

/// <summary>
/// The prototype's query, <c>GET /customers/{customer}</c>, sent at a steady rate (open loop: a slow answer does not
/// slow the next request) for random active customers, timing every answer.
/// </summary>
internal sealed class QueryLoad(HttpClient http, int customers, int requestsPerSecond)
{
    private const int TicksPerSecond = 100;

    /// <summary>Sends requests until <paramref name="stop"/> is cancelled; latencies of successful answers, and failures.</summary>
    public async Task<(Percentiles Latencies, int Failures)> RunAsync(CancellationToken stop)
    {
        var latencies = new Percentiles();
        var failures = 0;
        var inFlight = new List<Task>();
        var random = new Random(7);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / TicksPerSecond));
        var perTick = Math.Max(1, requestsPerSecond / TicksPerSecond);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                for (var i = 0; i < perTick; i++)
                {
                    inFlight.Add(AskAsync(LoadProducer.Customer(random.Next(customers))));
                }

                inFlight.RemoveAll(task => task.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight);
        return (latencies, failures);

        async Task AskAsync(string customer)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.GetAsync(new Uri($"/customers/{customer}", UriKind.Relative), CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    latencies.Add(clock.Elapsed);
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Interlocked.Increment(ref failures);
        }
    }
}

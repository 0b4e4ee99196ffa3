using System.Collections.Concurrent;
using System.Net.Http.Json;
using Billing.TestSupport;
using Billing.Web.Api;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>
/// Asks the prototype route for every customer's sub-total over and over while a test crashes things, and
/// records any answer that went backwards: an earlier month after a later one, or a lower total for the same
/// month. Errors (404 before the first event, a moment without gateway) are not answers and are skipped.
/// </summary>
public sealed class SubtotalSampler : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> regressions = new();
    private readonly Task loop;
    private int samples;

    private SubtotalSampler(HttpClient http)
    {
        this.http = http;
        loop = Task.Run(() => SampleAsync(stop.Token));
    }

    public static SubtotalSampler Start(HttpClient http) => new(http);

    public int Samples => Volatile.Read(ref samples);

    public IReadOnlyCollection<string> Regressions => regressions;

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, (string Month, decimal Total)>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var customer in KnownEventSet.Customers)
            {
                PrototypeCustomerResponse? answer;
                try
                {
                    using var response = await http.GetAsync($"/customers/{customer}", cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        continue;
                    }

                    answer = await response.Content.ReadFromJsonAsync<PrototypeCustomerResponse>(cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var total = decimal.Parse(answer!.TotalEur, System.Globalization.CultureInfo.InvariantCulture);
                if (last.TryGetValue(customer, out var previous)
                    && (string.CompareOrdinal(answer.Month, previous.Month) < 0
                        || (answer.Month == previous.Month && total < previous.Total)))
                {
                    regressions.Enqueue($"{customer}: {previous.Month} {previous.Total} then {answer.Month} {total}");
                }

                last[customer] = (answer.Month, total);
                Interlocked.Increment(ref samples);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}

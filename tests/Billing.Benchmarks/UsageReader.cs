using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Billing.Web.Api;

namespace Billing.Benchmarks;

/// <summary>Reads a customer's usage as the web app serves it: <c>GET /api/customers/{customer}/usage</c>.</summary>
internal static class UsageReader
{
    /// <summary>Events counted and their total over the customer's open months; (0, 0) for a customer without usage.</summary>
    public static async Task<(int Count, decimal Total)> ReadAsync(HttpClient http, string customer)
    {
        var usage = await ReadUsageAsync(http, customer);
        return usage is null
            ? (0, 0m)
            : (usage.Months.Sum(month => month.Count), usage.Months.Sum(month => decimal.Parse(month.Total, CultureInfo.InvariantCulture)));
    }

    private static async Task<CustomerUsageResponse?> ReadUsageAsync(HttpClient http, string customer)
    {
        using var response = await http.GetAsync(new Uri($"/api/customers/{customer}/usage", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CustomerUsageResponse>()
            ?? throw new InvalidOperationException($"No usage document for {customer}.");
    }

    /// <summary>Every customer whose usage the web app does not answer exactly as billed; empty when all are exact.</summary>
    public static async Task<List<string>> FindWrongAsync(HttpClient http, LoadProducer producer)
    {
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(producer.Billed, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (entry, _) =>
        {
            var usage = await ReadUsageAsync(http, entry.Key);
            var count = usage?.Months.Sum(month => month.Count) ?? 0;
            var total = usage?.Months.Sum(month => decimal.Parse(month.Total, CultureInfo.InvariantCulture)) ?? 0m;
            if (total != entry.Value)
            {
                var suspects = string.Join(", ", producer.Suspects(entry.Key, entry.Value - total));
                wrong.Add($"{entry.Key}: {total} in {count} events instead of {entry.Value} in {producer.Counts.GetValueOrDefault(entry.Key)}" +
                    $", {usage?.LateEvents ?? 0} late" + (suspects.Length > 0 ? $" (missing: {suspects})" : ""));
            }
        });
        return [.. wrong.Order(StringComparer.Ordinal)];
    }
}

using System.Globalization;

namespace Billing.Benchmarks;

/// <summary>The benchmark's one table: every rate beside its ratio to the baseline of the same run.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<ScenarioResult> results, BenchmarkSettings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"| customers | state | baseline ev/s | cold ev/s (ratio) | sustained ev/s (ratio) | event to visible p50 / p99 | GET /customers p99 at {settings.QueriesPerSecond:N0}/s | silo peak working set |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Customers:N0} | {(result.State == "postgres" ? "PostgreSQL" : "memory")} | {result.BaselineRate:N0} " +
                $"| {result.ColdRate:N0} ({result.ColdRate / result.BaselineRate:F2}) " +
                $"| {result.SustainedRate:N0} ({result.SustainedRate / result.BaselineRate:F2}) " +
                $"| {result.VisibleP50:F0} / {result.VisibleP99:F0} ms " +
                $"| {result.QueryP99:F1} ms{(result.QueryFailures > 0 ? $" ({result.QueryFailures} failed)" : "")} " +
                $"| {result.SiloPeakBytes / (1024 * 1024):N0} MiB |"));
        }

        Console.WriteLine();
        Console.WriteLine($"{settings.Partitions} partitions, records {(settings.Keyed ? "keyed by customer" : "round-robin")}; cold: ten records per customer (at least 200,000), every customer new;");
        Console.WriteLine($"sustained: the highest rate (steps of {settings.StepSeconds} s, x1.25 up from the cold rate while kept up, else down until kept up) after which under a second of records waited.");
        foreach (var result in results.Where(result => result.Errors.Count > 0))
        {
            Console.WriteLine($"WRONG ({result.State}, {result.Customers:N0} customers): {string.Join("; ", result.Errors.Take(10))}");
        }
    }
}

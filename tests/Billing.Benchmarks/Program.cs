using System.Globalization;
using Billing.Benchmarks;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.TestSupport.Postgres;

// Ingestion (the default): for each customer count and state, a cold run and a sustained run against a raw
// consume-decode-sum baseline on the same broker and data, in one table (see IngestionScenario).
// Month close: every customer active with its 2026-09 usage counted, one clock event per partition moves the
// watermark past the month's deadline; timed until the last invoice is stored and its files are written.
if (args.Length > 0 && args[0] == "close")
{
    return await CloseAsync(args);
}

// De-duplication: memory, storage and time of keeping event ids, against a set of the id strings.
if (args.Length > 0 && args[0] == "dedup")
{
    DeduplicationCost.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
    return 0;
}

// HTTP ingestion: POST /api/events in batches of 100 and of 1 by concurrent clients, against a raw Confluent
// producer's rate on the same broker, with the prototype's query running meanwhile (see HttpIngestBenchmark).
if (args.Length > 0 && args[0] == "http")
{
    if (HttpIngestSettings.Parse(args[1..]) is not { } http)
    {
        Console.Error.WriteLine(BenchmarkSettings.Usage);
        return 2;
    }

    using var httpBroker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
    Console.WriteLine($"HTTP ingestion benchmark: {http.Partitions} partitions, {http.Clients} clients, {Environment.ProcessorCount} cores, embedded broker {httpBroker.BootstrapServers}");
    return await new HttpIngestBenchmark(httpBroker, http).RunAsync();
}

var settings = BenchmarkSettings.Parse(args.Length > 0 && args[0] == "ingest" ? args[1..] : args);
if (settings is null)
{
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
Console.WriteLine(
    $"Ingestion benchmark: {settings.Partitions} partitions, {(settings.Keyed ? "keyed by customer" : "round-robin")}, " +
    $"{Environment.ProcessorCount} cores, embedded broker {broker.BootstrapServers}" +
    (settings.SiloMemoryMiB > 0 ? $", silo memory limited to {settings.SiloMemoryMiB:N0} MiB" : ""));
var results = new List<ScenarioResult>();
foreach (var customers in settings.CustomerCounts)
{
    foreach (var state in settings.States)
    {
        results.Add(await new IngestionScenario(broker, settings, customers, state).RunAsync());
    }
}

ResultTable.Print(results, settings);
return results.Any(result => result.Errors.Count > 0) ? 1 : 0;

static async Task<int> CloseAsync(string[] args)
{
    const int Partitions = 16;
    var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var which = args.Length > 2 ? args[2] : "durable";
    if (which is not ("durable" or "memory" or "both"))
    {
        Console.Error.WriteLine(BenchmarkSettings.Usage);
        return 2;
    }

    using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(Partitions));
    Console.WriteLine($"embedded broker {broker.BootstrapServers}; month close of {customers:N0} customers over {Partitions} partitions");
    var failed = false;
    if (which is "memory" or "both")
    {
        failed |= !Report("in memory", customers, await MonthCloseRun.RunAsync(BillingMode.ExternalKafka, broker, connectionString: null, customers, Partitions));
    }

    if (which is "durable" or "both")
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        var database = await postgres.CreateDatabaseAsync();
        failed |= !Report("PostgreSQL", customers, await MonthCloseRun.RunAsync(BillingMode.Cluster, broker, database, customers, Partitions));
    }

    return failed ? 1 : 0;
}

static bool Report(string state, int customers, MonthCloseResult result)
{
    var stored = result.ToLastInvoice is { } toInvoice
        ? $"{toInvoice.TotalSeconds,7:F2} s to the last invoice stored ({customers / toInvoice.TotalSeconds:N0} invoices/s), "
        : "";
    Console.WriteLine(
        $"month close, state {state,-11}, {customers:N0} customers: watermark to {stored}" +
        $"{result.ToLastFile.TotalSeconds:F2} s to the last file ({customers / result.ToLastFile.TotalSeconds:N0} invoices/s)");
    foreach (var error in result.Errors)
    {
        Console.Error.WriteLine($"wrong: {error}");
    }

    return result.Errors.Count == 0;
}

using System.Diagnostics;
using System.Globalization;
using Billing.Benchmarks;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.TestSupport.Postgres;

// Usage: dotnet run -c Release --project tests/Billing.Benchmarks -- [records] [customers] [close-customers]
//        dotnet run -c Release --project tests/Billing.Benchmarks -- close [customers] [durable|memory|both]
// End-to-end ingestion: records in the embedded broker until every one is counted in grain state, first with
// in-memory state, then with state on PostgreSQL, each against a plain consumer that reads, decodes and sums
// the same records in the same run (defaults: 200,000 records, 1,000 customers).
// Month close: every customer (default 10,000) active with its 2026-09 usage counted, one clock event per
// partition moves the watermark past the month's deadline; timed from the moment the event clock's global
// watermark passes it until the last invoice is stored and until its files are written, on PostgreSQL as in
// cluster mode (after the ingestion phases, or alone with `close`; `memory` or `both` for in-memory state).
const int Partitions = 16;
const string Topic = "billableevents.incoming";
var closeOnly = args.Length > 0 && args[0] == "close";

using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(Partitions));
if (closeOnly)
{
    var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var which = args.Length > 2 ? args[2] : "durable";
    if (which is not ("durable" or "memory" or "both"))
    {
        Console.Error.WriteLine($"unknown close mode '{which}': durable, memory or both");
        return 2;
    }

    Console.WriteLine($"embedded broker {broker.BootstrapServers}; month close of {customers:N0} customers over {Partitions} partitions");
    if (which is "memory" or "both")
    {
        await CloseInMemoryAsync(customers);
    }

    if (which is "durable" or "both")
    {
        await CloseDurablyAsync(customers);
    }
}
else
{
    var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
    var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
    var closeCustomers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
    var states = args.Length > 3 ? args[3] : "both";
    await IngestAsync(records, customers, states);
    if (closeCustomers > 0)
    {
        await CloseDurablyAsync(closeCustomers);
    }
}

Console.WriteLine($"peak working set:                                  {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),12:N0} MiB");
return 0;

async Task IngestAsync(int records, int customers, string states)
{
    Console.WriteLine($"embedded broker {broker.BootstrapServers}; producing {records:N0} records for {customers:N0} customers over {Partitions} partitions");
    var producedTotal = await BenchmarkEvents.ProduceAsync(broker.BootstrapServers, Topic, Partitions, records, customers);

    var (baselineElapsed, baselineTotal) = RawConsumeBaseline.Run(broker.BootstrapServers, Topic, Partitions, records);
    Check(baselineTotal == producedTotal, $"baseline summed {baselineTotal}, produced {producedTotal}");
    var baselineRate = records / baselineElapsed.TotalSeconds;
    Console.WriteLine($"baseline   (consume, decode, sum):                  {baselineRate,12:N0} events/s ({baselineElapsed.TotalSeconds:F2} s)");

    if (states is "memory" or "both")
    {
    var inMemory = await IngestionRun.RunAsync(BillingMode.ExternalKafka, broker.BootstrapServers, "billing-memory", connectionString: null, records, Topic, Partitions);
    Check(inMemory.CountedTotal == producedTotal, $"in-memory grains hold {inMemory.CountedTotal}, produced {producedTotal}");
    Report("in memory", inMemory.Elapsed);
    }

    if (states is "memory")
    {
        return;
    }

    await using var postgres = await PostgresServer.StartNewAsync();
    var database = await postgres.CreateDatabaseAsync();
    var durable = await IngestionRun.RunAsync(BillingMode.Cluster, broker.BootstrapServers, "billing-durable", database, records, Topic, Partitions);
    Check(durable.CountedTotal == producedTotal, $"durable grains hold {durable.CountedTotal}, produced {producedTotal}");
    Report("PostgreSQL", durable.Elapsed);

    void Report(string state, TimeSpan elapsed)
    {
        var rate = records / elapsed.TotalSeconds;
        Console.WriteLine($"end to end, state {state,-11} (silo start incl.): {rate,12:N0} events/s ({elapsed.TotalSeconds:F2} s), {rate / baselineRate:F2} of baseline");
    }
}

async Task CloseInMemoryAsync(int customers)
{
    var result = await MonthCloseRun.RunAsync(BillingMode.ExternalKafka, broker, connectionString: null, customers, Partitions);
    ReportClose("in memory", customers, result);
}

async Task CloseDurablyAsync(int customers)
{
    await using var postgres = await PostgresServer.StartNewAsync();
    var database = await postgres.CreateDatabaseAsync();
    var result = await MonthCloseRun.RunAsync(BillingMode.Cluster, broker, database, customers, Partitions);
    ReportClose("PostgreSQL", customers, result);
}

static void ReportClose(string state, int customers, MonthCloseResult result)
{
    Check(result.Errors.Count == 0, string.Join("; ", result.Errors));
    var stored = result.ToLastInvoice is { } toInvoice
        ? $"{toInvoice.TotalSeconds,7:F2} s to the last invoice stored ({customers / toInvoice.TotalSeconds:N0} invoices/s), "
        : "";
    Console.WriteLine(
        $"month close, state {state,-11}, {customers:N0} customers: watermark to {stored}" +
        $"{result.ToLastFile.TotalSeconds:F2} s to the last file ({customers / result.ToLastFile.TotalSeconds:N0} invoices/s)");
}

static void Check(bool condition, string message)
{
    if (!condition)
    {
        Console.Error.WriteLine($"benchmark result is wrong: {message}");
        Environment.Exit(1);
    }
}

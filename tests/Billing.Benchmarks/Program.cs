using System.Diagnostics;
using System.Globalization;
using Billing.Benchmarks;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.TestSupport.Postgres;

// Usage: dotnet run -c Release --project tests/Billing.Benchmarks -- [records] [customers]
// End-to-end ingestion: records in the embedded broker until every one is counted in grain state, first with
// in-memory state, then with state on PostgreSQL, each against a plain consumer that reads, decodes and sums
// the same records in the same run.
var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
const int Partitions = 8;
const string Topic = "billableevents.incoming";

using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(Partitions));
Console.WriteLine($"embedded broker {broker.BootstrapServers}; producing {records:N0} records for {customers:N0} customers over {Partitions} partitions");
var producedTotal = await BenchmarkEvents.ProduceAsync(broker.BootstrapServers, Topic, Partitions, records, customers);

var (baselineElapsed, baselineTotal) = RawConsumeBaseline.Run(broker.BootstrapServers, Topic, Partitions, records);
Check(baselineTotal == producedTotal, $"baseline summed {baselineTotal}, produced {producedTotal}");
var baselineRate = records / baselineElapsed.TotalSeconds;
Console.WriteLine($"baseline   (consume, decode, sum):                  {baselineRate,12:N0} events/s ({baselineElapsed.TotalSeconds:F2} s)");

var inMemory = await IngestionRun.RunAsync(BillingMode.ExternalKafka, broker.BootstrapServers, "billing-memory", connectionString: null, records, Topic, Partitions);
Check(inMemory.CountedTotal == producedTotal, $"in-memory grains hold {inMemory.CountedTotal}, produced {producedTotal}");
Report("in memory", inMemory.Elapsed);

await using (var postgres = await PostgresServer.StartNewAsync())
{
    var database = await postgres.CreateDatabaseAsync();
    var durable = await IngestionRun.RunAsync(BillingMode.Cluster, broker.BootstrapServers, "billing-durable", database, records, Topic, Partitions);
    Check(durable.CountedTotal == producedTotal, $"durable grains hold {durable.CountedTotal}, produced {producedTotal}");
    Report("PostgreSQL", durable.Elapsed);
}

Console.WriteLine($"peak working set:                                  {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),12:N0} MiB");

void Report(string state, TimeSpan elapsed)
{
    var rate = records / elapsed.TotalSeconds;
    Console.WriteLine($"end to end, state {state,-11} (silo start incl.): {rate,12:N0} events/s ({elapsed.TotalSeconds:F2} s), {rate / baselineRate:F2} of baseline");
}

static void Check(bool condition, string message)
{
    if (!condition)
    {
        Console.Error.WriteLine($"benchmark result is wrong: {message}");
        Environment.Exit(1);
    }
}

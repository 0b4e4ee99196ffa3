using System.Diagnostics;
using System.Globalization;
using Billing.Benchmarks;
using Billing.Grains;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project tests/Billing.Benchmarks -- [records] [customers]
// End-to-end ingestion: records in the embedded broker until every one is counted in grain state (customer
// and type grains, in-memory storage), against a plain consumer that reads, decodes and sums the same
// records in the same run.
var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
const int Partitions = 8;
const string Topic = "billableevents.incoming";

using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(Partitions));
Console.WriteLine($"embedded broker {broker.BootstrapServers}; producing {records:N0} records for {customers:N0} customers over {Partitions} partitions");
var producedTotal = await BenchmarkEvents.ProduceAsync(broker.BootstrapServers, Topic, Partitions, records, customers);

var (baselineElapsed, baselineTotal) = RawConsumeBaseline.Run(broker.BootstrapServers, Topic, Partitions, records);
Check(baselineTotal == producedTotal, $"baseline summed {baselineTotal}, produced {producedTotal}");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddMemoryGrainStorage(BillingStorage.Name)
    .AddBillingIngestion(kafka => kafka.Configure(options =>
    {
        options.BootstrapServers = broker.BootstrapServers;
        // Commits mark the moment state is written; commit often so the clock stops close to it.
        options.CommitInterval = TimeSpan.FromMilliseconds(50);
    })));
using var host = builder.Build();
var clock = Stopwatch.StartNew();
await host.StartAsync();
var elapsed = await IngestionProgress.WaitUntilCommittedAsync(broker.BootstrapServers, Topic, Partitions, records, clock, TimeSpan.FromMinutes(10));
var grains = host.Services.GetRequiredService<IGrainFactory>();
var countedTotal = await IngestionProgress.SumCustomerTotalsAsync(grains);
Check(countedTotal == producedTotal, $"grains hold {countedTotal}, produced {producedTotal}");
await host.StopAsync();

var baselineRate = records / baselineElapsed.TotalSeconds;
var endToEndRate = records / elapsed.TotalSeconds;
Console.WriteLine($"baseline   (consume, decode, sum):                  {baselineRate,12:N0} events/s ({baselineElapsed.TotalSeconds:F2} s)");
Console.WriteLine($"end to end (into customer and type grain state):   {endToEndRate,12:N0} events/s ({elapsed.TotalSeconds:F2} s, silo start included)");
Console.WriteLine($"ratio end-to-end/baseline:                         {endToEndRate / baselineRate,12:F2}");
Console.WriteLine($"peak working set:                                  {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),12:N0} MiB");

static void Check(bool condition, string message)
{
    if (!condition)
    {
        Console.Error.WriteLine($"benchmark result is wrong: {message}");
        Environment.Exit(1);
    }
}

using System.Diagnostics;
using System.Globalization;
using Billing.Benchmarks;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project tests/Billing.Benchmarks -- [events] [customers]
// Measures the Kafka stream provider alone: records delivered to grains from the embedded broker, against a
// plain consumer that reads, decodes and sums the same records in the same run.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
const int Partitions = 8;
const string Topic = "billableevents.incoming";

using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(Partitions));
Console.WriteLine($"embedded broker {broker.BootstrapServers}; producing {events:N0} records for {customers:N0} customers over {Partitions} partitions");
var producedTotal = await BenchmarkEvents.ProduceAsync(broker.BootstrapServers, Topic, Partitions, events, customers);

var (baselineElapsed, baselineTotal) = RawConsumeBaseline.Run(broker.BootstrapServers, Topic, Partitions, events);
Check(baselineTotal == producedTotal, $"baseline summed {baselineTotal}, produced {producedTotal}");

var counter = new DeliveryCounter(events);
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(counter);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddBillingIngestion(kafka => kafka.Configure(options => options.BootstrapServers = broker.BootstrapServers)));
using var host = builder.Build();
await host.StartAsync();
await counter.Completion.WaitAsync(TimeSpan.FromMinutes(10));
Check(counter.CustomerTotal == producedTotal, $"grains summed {counter.CustomerTotal}, produced {producedTotal}");
await host.StopAsync();

var baselineRate = events / baselineElapsed.TotalSeconds;
var providerRate = events / counter.Elapsed.TotalSeconds;
Console.WriteLine($"baseline  (consume, decode, sum):            {baselineRate,12:N0} records/s ({baselineElapsed.TotalSeconds:F2} s)");
Console.WriteLine($"provider  (to customer and type grains):     {providerRate,12:N0} records/s ({counter.Elapsed.TotalSeconds:F2} s)");
Console.WriteLine($"ratio provider/baseline:                     {providerRate / baselineRate,12:F2}");
Console.WriteLine($"peak working set:                            {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),12:N0} MiB");

static void Check(bool condition, string message)
{
    if (!condition)
    {
        Console.Error.WriteLine($"benchmark result is wrong: {message}");
        Environment.Exit(1);
    }
}

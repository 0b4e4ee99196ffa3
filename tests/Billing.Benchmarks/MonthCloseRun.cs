using System.Diagnostics;
using System.Globalization;
using Billing.Grains;
using Billing.Grains.Domain;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Billing.Benchmarks;

/// <summary>What one month-close run measured and found wrong.</summary>
/// <param name="ToLastInvoice">From the watermark passing the deadline until the store holds every invoice (PostgreSQL only).</param>
/// <param name="ToLastFile">From the watermark passing the deadline until every invoice's two files exist.</param>
/// <param name="Errors">What does not match what was produced; empty when right.</param>
internal sealed record MonthCloseResult(TimeSpan? ToLastInvoice, TimeSpan ToLastFile, IReadOnlyList<string> Errors);

/// <summary>
/// One silo configured as in production for <see cref="BillingMode"/>, with every customer active and its usage
/// of <see cref="CloseEvents.Month"/> counted; then one clock event per partition moves the watermark past the
/// month's deadline, and the run times how long closing takes from the moment the event clock says so.
/// </summary>
internal static class MonthCloseRun
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static async Task<MonthCloseResult> RunAsync(
        BillingMode mode, EmbeddedKafkaBroker broker, string? connectionString, int customers, int partitions)
    {
        var name = mode == BillingMode.Cluster ? "durable" : "memory";
        var topic = $"billing.close.{name}";
        var consumerGroup = $"billing-close-{name}";
        broker.CreateTopic(topic, partitions);
        var invoiceDirectory = Directory.CreateTempSubdirectory("billing-close-").FullName;
        try
        {
            var produced = await CloseEvents.ProduceMonthAsync(broker.BootstrapServers, topic, partitions, customers);
            var records = customers * CloseEvents.EventsPerCustomer;

            var ports = FreePorts.Take(2);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kafka:BootstrapServers"] = broker.BootstrapServers,
                ["Kafka:ConsumerGroup"] = consumerGroup,
                ["Kafka:Topic"] = topic,
                ["Kafka:CommitInterval"] = "00:00:00.050",
                ["ConnectionStrings:Billing"] = connectionString,
                ["Orleans:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
                ["Orleans:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
                ["Billing:InvoiceDirectory"] = invoiceDirectory,
                // The month's partitions go quiet before the clock events come; they must not hold the watermark.
                ["Billing:IdlePartitionTimeout"] = "00:00:01",
            });
            builder.Services.AddSingleton(TimeProvider.System);
            builder.UseOrleans(silo => silo.ConfigureBillingSilo(builder.Configuration, mode));
            using var host = builder.Build();
            await host.StartAsync();
            var grains = host.Services.GetRequiredService<IGrainFactory>();

            // Every customer active with its month counted, as at a real month end.
            var clock = Stopwatch.StartNew();
            await IngestionProgress.WaitUntilCommittedAsync(broker.BootstrapServers, consumerGroup, topic, partitions, records, clock, Timeout);
            Console.WriteLine($"  {name}: {records:N0} records of {customers:N0} customers counted in {clock.Elapsed.TotalSeconds:F1} s; moving the watermark");

            // Opened before closing starts: the silo may use every connection the server allows while it closes.
            await using var database = connectionString is null ? null : new NpgsqlConnection(connectionString);
            if (database is not null)
            {
                await database.OpenAsync();
            }

            var connectionsBefore = database is null ? 0 : await CountConnectionsAsync(database);
            await CloseEvents.ProduceClockAsync(broker.BootstrapServers, topic, partitions);
            clock.Restart();
            var deadline = MonthClosing.Deadline(CloseEvents.Month, new BillingOptions().AllowedLateness);
            await WaitForAsync(async () => (await grains.GetGrain<IEventClockGrain>(0).GetStatusAsync()).Watermark >= deadline, clock, "the watermark to pass the deadline");
            var watermarkPassed = clock.Elapsed;

            TimeSpan? toLastInvoice = null;
            if (database is not null)
            {
                await WaitForAsync(async () => await CountInvoicesAsync(database) >= customers, clock, "every invoice to be stored");
                toLastInvoice = clock.Elapsed - watermarkPassed;
                Console.WriteLine($"  {name}: server connections before closing {connectionsBefore}, after {await CountConnectionsAsync(database)}");
            }

            var monthDirectory = Path.Combine(invoiceDirectory, CloseEvents.Month.ToString());
            await WaitForAsync(() => Task.FromResult(CountFiles(monthDirectory) >= 2 * customers), clock, "every invoice file to be written");
            var toLastFile = clock.Elapsed - watermarkPassed;

            var errors = new List<string>();
            var issued = database is not null
                ? await ReadStoredAsync(database)
                : await ReadFromGrainsAsync(grains, produced.Keys);
            Verify(produced, issued, errors);
            if (CountFiles(monthDirectory) != 2 * customers)
            {
                errors.Add($"{CountFiles(monthDirectory)} invoice files, expected {2 * customers}");
            }

            await host.StopAsync();
            return new MonthCloseResult(toLastInvoice, toLastFile, errors);
        }
        finally
        {
            Directory.Delete(invoiceDirectory, recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Stopwatch clock, string what)
    {
        var limit = clock.Elapsed + Timeout;
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {Timeout} for {what}.");
            }

            await Task.Delay(Poll);
        }
    }

    private static async Task<long> CountInvoicesAsync(NpgsqlConnection database)
    {
        await using var command = new NpgsqlCommand("select count(*) from billing_invoices where month = @month", database);
        command.Parameters.AddWithValue("month", CloseEvents.Month.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountConnectionsAsync(NpgsqlConnection database)
    {
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where backend_type = 'client backend'", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int CountFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Count(path => path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".txt", StringComparison.Ordinal))
            : 0;

    /// <summary>Every invoice in the table: number, customer, month and total.</summary>
    private static async Task<List<(long Number, string Customer, string Month, decimal Total)>> ReadStoredAsync(NpgsqlConnection database)
    {
        await using var command = new NpgsqlCommand("select number, customer, month, total from billing_invoices order by number", database);
        await using var reader = await command.ExecuteReaderAsync();
        var invoices = new List<(long, string, string, decimal)>();
        while (await reader.ReadAsync())
        {
            invoices.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3)));
        }

        return invoices;
    }

    /// <summary>Each customer's invoice of the month through the query grain (the memory ledger has no listing).</summary>
    private static async Task<List<(long Number, string Customer, string Month, decimal Total)>> ReadFromGrainsAsync(IGrainFactory grains, IEnumerable<string> customers)
    {
        var query = grains.GetGrain<IInvoiceQueryGrain>(0);
        var invoices = new List<(long, string, string, decimal)>();
        foreach (var customer in customers)
        {
            if (await query.FindAsync(customer, CloseEvents.Month) is { } invoice)
            {
                invoices.Add((invoice.Number, invoice.Customer, invoice.Month.ToString(), invoice.Total));
            }
        }

        return [.. invoices.OrderBy(invoice => invoice.Item1)];
    }

    private static void Verify(
        Dictionary<string, decimal> produced, List<(long Number, string Customer, string Month, decimal Total)> issued, List<string> errors)
    {
        if (issued.Count != produced.Count)
        {
            errors.Add($"{issued.Count} invoices, expected {produced.Count}");
        }

        for (var i = 0; i < issued.Count; i++)
        {
            if (issued[i].Number != i + 1)
            {
                errors.Add($"invoice numbers are not 1..{issued.Count} without gaps: position {i + 1} holds {issued[i].Number}");
                break;
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (number, customer, month, total) in issued)
        {
            if (month != CloseEvents.Month.ToString() || !produced.TryGetValue(customer, out var expected) || !seen.Add(customer))
            {
                errors.Add($"unexpected invoice {number}: {customer} {month}");
            }
            else if (total != expected)
            {
                errors.Add($"invoice {number} of {customer} totals {total}, produced {expected}");
            }

            if (errors.Count > 10)
            {
                return;
            }
        }
    }
}

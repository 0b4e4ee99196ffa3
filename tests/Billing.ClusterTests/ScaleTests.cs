using System.Globalization;
using System.Net.Http.Json;
using Billing.ClusterTests.Infrastructure;
using Billing.Events;
using Billing.Grains;
using Billing.Grains.Storage;
using Billing.Records;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;
using Billing.Web.Api;
using Npgsql;

namespace Billing.ClusterTests;

/// <summary>
/// The scale users run: 100,000 customers, every one new, on a Billing.Silo process on PostgreSQL. Every event
/// counts once, every customer's month becomes exactly one invoice of exactly its total, and nothing is
/// dead-lettered: the connection pool, activations and the directory hold up at that size.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScaleTests(PostgresFixture postgres)
{
    private const int Customers = 100_000;
    private const int EventsPerCustomer = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset September = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HundredThousandCustomers_AllNew_EveryTotalExactAndOneInvoiceEachWithoutDeadLetters()
    {
        var (records, expected) = Events();
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();

        using var connections = ConnectionSampler.Start(cluster.Database.ConnectionString, BillingPostgresSiloBuilderExtensions.ApplicationName);
        await cluster.ProduceAsync(records);
        await cluster.WaitUntilHandledAsync(records.Count, Patience);

        // 100,000 activations, each a state read and write, queued on the silo's one bounded pool.
        Assert.InRange(await connections.StopAsync(), 1, new BillingDatabaseOptions().MaxConnections);

        // Every event counted once: each type's September count and total, across all customers.
        foreach (var type in EventTypes.All)
        {
            var usage = await cluster.Http.GetFromJsonAsync<EventTypeUsageResponse>($"/api/types/{type.WireName()}/usage");
            var september = Assert.Single(usage!.Months);
            Assert.Equal(expected.Count(e => e.Type == type), september.Count);
            Assert.Equal(expected.Where(e => e.Type == type).Sum(e => e.Amount), decimal.Parse(september.Total, CultureInfo.InvariantCulture));
        }

        // One event per partition a month later closes September for everyone: 100,000 invoices.
        await cluster.ProduceAsync(Enumerable.Range(0, KnownEventSet.DefaultPartitions).Select(partition =>
            Record(partition, new BillableEvent("Clock", EventType.Misc, 0.01m, new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero)))));
        await ClusterHarness.WaitUntilAsync(async () => await CountAsync(cluster, "select count(*) from billing_invoices") >= Customers,
            Patience, () => $"{Customers:N0} invoices\n{cluster.SiloOutput}");

        var totals = expected.GroupBy(e => e.Customer).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount), StringComparer.Ordinal);
        Assert.Equal(0, await CountWrongInvoicesAsync(cluster, totals));
        Assert.Equal(Customers, await CountAsync(cluster, "select count(*) from billing_invoices"));
        Assert.Equal(Customers, await CountAsync(cluster, $"select max(number) from billing_invoices where month = '2026-09'"));
        Assert.Equal(new DeadLetterCount(0, 0), cluster.DeadLetters());
        await ClusterHarness.WaitUntilAsync(
            () => Task.FromResult(Directory.EnumerateFiles(Path.Combine(cluster.InvoiceDirectory, "2026-09")).Count() == 2 * Customers),
            Patience, () => "two files per invoice");
    }

    /// <summary>Two September events per customer, keyed by customer (a customer's records in one partition).</summary>
    private static (List<(int Partition, byte[]? Key, byte[] Value)> Records, List<BillableEvent> Events) Events()
    {
        var random = new Random(100_000);
        var events = new List<BillableEvent>(Customers * EventsPerCustomer);
        var records = new List<(int, byte[]?, byte[])>(Customers * EventsPerCustomer);
        for (var i = 0; i < Customers; i++)
        {
            var customer = $"scale-{i:D6}";
            for (var k = 0; k < EventsPerCustomer; k++)
            {
                var billable = new BillableEvent(
                    customer,
                    EventTypes.All[random.Next(EventTypes.All.Count)],
                    random.Next(1, 100_000) / 100m,
                    September.AddMinutes(random.Next(0, 29 * 24 * 60)));
                events.Add(billable);
                records.Add(Record(CustomerDirectory.ShardOf(customer) % KnownEventSet.DefaultPartitions, billable));
            }
        }

        return (records, events);
    }

    private static (int Partition, byte[]? Key, byte[] Value) Record(int partition, BillableEvent billable) =>
        (partition, BillableEventCodec.EncodeKey(billable.Customer), BillableEventCodec.EncodeCsv(billable));

    private static async Task<long> CountAsync(ClusterHarness cluster, string sql) =>
        (await cluster.Database.QueryAsync(sql, reader => reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)))[0];

    /// <summary>Customers whose September invoice is missing, doubled, or not exactly their total: compared in the database.</summary>
    private static async Task<long> CountWrongInvoicesAsync(ClusterHarness cluster, Dictionary<string, decimal> totals)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select count(*) from unnest(@customers, @totals) as e(customer, total)
            full join (select customer, total, count(*) over (partition by customer) as copies from billing_invoices where month = '2026-09') i
              on i.customer = e.customer
            where i.customer is null or e.customer is null or i.total <> e.total or i.copies <> 1
            """, connection);
        command.Parameters.AddWithValue("customers", totals.Keys.ToArray());
        command.Parameters.AddWithValue("totals", totals.Values.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

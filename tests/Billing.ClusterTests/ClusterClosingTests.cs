using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.ClusterTests.Infrastructure;
using Billing.Events;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;
using Billing.Usage;
using Billing.Web.Api;

namespace Billing.ClusterTests;

/// <summary>
/// Month closing on a real cluster: Billing.Silo processes on PostgreSQL and the embedded Kafka broker. The known
/// event set ends with 2026-09 and 2026-10 closed and 2026-11 open; each test ends with exactly one invoice per
/// customer and closed month, numbered 1..N without gaps, with the set's exact lines, in the table and in files.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterClosingTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly BillingMonth September = new(2026, 9);
    private static readonly BillingMonth October = new(2026, 10);
    private static readonly BillingMonth November = new(2026, 11);

    /// <summary>Reminders every 2 s: a customer whose activation died is closed within seconds on another silo.</summary>
    private const string FastReminders = "Billing:ClosingReminderPeriod=00:00:02";

    [Fact]
    public async Task Silo_KilledWhileInvoicesAreFrozenButNotIssued_ReplacementIssuesEachInvoiceOnceWithoutGaps()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 40, KnownEventSet.DefaultPartitions, seed: 31, copyEvery: 6);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.Database.RefuseInvoicesAsync();
        await cluster.StartSiloAsync(FastReminders);
        await cluster.StartSiloAsync(FastReminders);
        await cluster.StartWebClientAsync();

        await cluster.ProduceAsync(set.Records);
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);
        // Every customer has frozen its September invoice in its state and failed to store it.
        await WaitUntilFailingMonthsAsync(cluster, KnownEventSet.Customers.Length);
        Assert.Empty(await cluster.Database.InvoicesAsync());

        // The victim hosts customers whose drafts are frozen: it logged their failed attempts.
        var victim = cluster.Silos.First(silo => silo.HasLogged("failed at the store"));
        await victim.KillAsync();
        await cluster.Database.AcceptInvoicesAsync();
        await cluster.StartSiloAsync(FastReminders);

        await WaitUntilInvoicedAsync(cluster, [September, October]);
        await AssertInvoicesExactAsync(cluster, set, [September, October]);
        await ExactTotals.AssertAsync(cluster.Http, set);
        // Nothing issued stays reported as failing, whichever silo issued it in the end.
        await WaitUntilFailingMonthsAsync(cluster, 0);
    }

    [Fact]
    public async Task InvoiceStore_FailingThenRecovering_MonthsStayClosingThenEachIsIssuedOnceWithoutGaps()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 30, KnownEventSet.DefaultPartitions, seed: 32);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.Database.RefuseInvoicesAsync();
        await cluster.StartSiloAsync(FastReminders);
        await cluster.StartWebClientAsync();

        await cluster.ProduceAsync(set.Records);
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);
        await WaitUntilFailingMonthsAsync(cluster, KnownEventSet.Customers.Length);

        var failing = await cluster.StatusAsync();
        Assert.Equal("2026-10", failing.ClosedThrough);
        Assert.Equal(KnownEventSet.Customers.Length, failing.Invoicing?.FailingMonths);
        Assert.NotNull(failing.Invoicing!.LastFailure);
        Assert.Equal("store", failing.Invoicing!.LastFailure.Stage);
        Assert.Equal("2026-09", failing.Invoicing!.LastFailure.Month);
        Assert.Contains("refuses inserts", failing.Invoicing!.LastFailure.Message, StringComparison.Ordinal);
        Assert.Null(failing.Invoicing!.LastRecoveryAt);
        foreach (var customer in KnownEventSet.Customers)
        {
            var usage = await cluster.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage");
            Assert.Equal(
                [("2026-09", "closing"), ("2026-10", "closing"), ("2026-11", "open")],
                usage!.Months.Select(m => (m.Month, m.Status)));
        }

        // Closing months keep their exact totals; nothing was stored and no number was taken.
        await ExactTotals.AssertAsync(cluster.Http, set);
        Assert.Empty(await cluster.Database.InvoicesAsync());
        Assert.Equal(0, await cluster.Database.LastInvoiceNumberAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(cluster.InvoiceDirectory));

        await cluster.Database.AcceptInvoicesAsync();

        await WaitUntilInvoicedAsync(cluster, [September, October]);
        await WaitUntilFailingMonthsAsync(cluster, 0);
        await AssertInvoicesExactAsync(cluster, set, [September, October]);
        await ExactTotals.AssertAsync(cluster.Http, set);
        var recovered = await cluster.StatusAsync();
        Assert.NotNull(recovered.Invoicing!.LastRecoveryAt);
    }

    [Fact]
    public async Task Watermark_WholeClusterRestarted_StaysWhereItWasAndNextMonthIsInvoicedWithContinuingNumbers()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 30, KnownEventSet.DefaultPartitions, seed: 33);
        // Idle partitions let the watermark reach its final value soon after the last record.
        string[] settings = [FastReminders, "Billing:IdlePartitionTimeout=00:00:02"];
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync(settings);
        await cluster.StartSiloAsync(settings);
        await cluster.StartWebClientAsync();

        await cluster.ProduceAsync(set.Records);
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);
        await WaitUntilInvoicedAsync(cluster, [September, October]);
        // Once every partition is idle, the watermark is the greatest partition watermark and moves no more.
        await ClusterHarness.WaitUntilHoldsAsync(
            async () => (await cluster.StatusAsync()).Partitions.All(p => p.Idle), Patience, () => "every partition idle");
        var before = await cluster.StatusAsync();
        var watermark = before.Watermark!.Value;
        Assert.Equal(before.Partitions.Max(p => p.Watermark), watermark);
        Assert.Equal("2026-10", before.ClosedThrough);
        var invoicesBefore = await cluster.Database.InvoicesAsync();
        await AssertInvoicesExactAsync(cluster, set, [September, October]);

        await cluster.StopWebClientAsync();
        await Task.WhenAll(cluster.Silos.Select(silo => silo.StopAsync(Patience)));
        await cluster.StartSiloAsync(settings);
        await cluster.StartSiloAsync(settings);
        await cluster.StartWebClientAsync();

        // Nothing new was produced: event time is exactly where it was, and so are the invoices.
        var after = await cluster.StatusAsync();
        Assert.Equal(watermark, after.Watermark);
        Assert.Equal("2026-10", after.ClosedThrough);
        Assert.Equal(invoicesBefore, await cluster.Database.InvoicesAsync());
        await ExactTotals.AssertAsync(cluster.Http, set);

        // December events on every partition, from customers of their own, close November.
        var december = new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero);
        var decemberRecords = Enumerable.Range(0, KnownEventSet.DefaultPartitions)
            .Select(partition => CsvRecords.Event($"december-{partition}", EventType.Call, 1.00m, december.ToString("O", CultureInfo.InvariantCulture), partition))
            .ToList();
        await cluster.ProduceAsync(decemberRecords);
        await cluster.WaitUntilHandledAsync(set.Records.Count + decemberRecords.Count, Patience);

        await WaitUntilInvoicedAsync(cluster, [November]);
        var status = await cluster.StatusAsync();
        Assert.Equal(december - TimeSpan.FromHours(12), status.Watermark);
        Assert.Equal("2026-11", status.ClosedThrough);
        var invoices = await AssertInvoicesExactAsync(cluster, set, [September, October, November]);
        Assert.Equal(invoicesBefore, invoices.Take(invoicesBefore.Count));
        Assert.All(invoices.Skip(invoicesBefore.Count), invoice => Assert.Equal("2026-11", invoice.Month));
        // December stays open for its customers: no invoice beyond the set's.
        Assert.DoesNotContain(invoices, invoice => invoice.Customer.StartsWith("december-", StringComparison.Ordinal));
    }

    private static Task WaitUntilFailingMonthsAsync(ClusterHarness cluster, int failingMonths) =>
        ClusterHarness.WaitUntilHoldsAsync(
            async () => (await cluster.StatusAsync()).Invoicing?.FailingMonths == failingMonths,
            Patience,
            () => $"{failingMonths} failing months\n{cluster.SiloOutput}");

    /// <summary>
    /// Waits until every customer of the set has an invoice for each of <paramref name="months"/> and its usage
    /// no longer lists them: the invoice is stored, its files are written and the window has left the state.
    /// </summary>
    private static Task WaitUntilInvoicedAsync(ClusterHarness cluster, IReadOnlyList<BillingMonth> months) =>
        ClusterHarness.WaitUntilHoldsAsync(async () =>
        {
            foreach (var customer in KnownEventSet.Customers)
            {
                var invoices = await cluster.Http.GetFromJsonAsync<InvoiceListResponse>($"/api/customers/{customer}/invoices");
                var usage = await cluster.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage");
                if (months.Any(month => invoices!.Invoices.All(i => i.Month != month.ToString()) || usage!.Months.Any(m => m.Month == month.ToString())))
                {
                    return false;
                }
            }

            return true;
        }, Patience, () => $"invoices for {string.Join(", ", months)}\n{cluster.SiloOutput}");

    /// <summary>
    /// The invoices of the set's customers for <paramref name="months"/>, and nothing else: one per customer and
    /// month in the table, numbered 1..N in the gapless counter, each with the set's exact lines, answered alike
    /// by the API, and written to both files.
    /// </summary>
    private static async Task<IReadOnlyList<StoredInvoice>> AssertInvoicesExactAsync(
        ClusterHarness cluster, KnownEventSet set, IReadOnlyList<BillingMonth> months)
    {
        var expectedKeys = KnownEventSet.Customers
            .SelectMany(customer => months.Select(month => (customer, month.ToString(), 1L)))
            .OrderBy(key => key.customer, StringComparer.Ordinal).ThenBy(key => key.Item2, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expectedKeys, await cluster.Database.InvoiceCountsAsync());

        var stored = await cluster.Database.InvoicesAsync();
        Assert.Equal(Enumerable.Range(1, expectedKeys.Count).Select(n => (long)n), stored.Select(invoice => invoice.Number));
        Assert.Equal(expectedKeys.Count, await cluster.Database.LastInvoiceNumberAsync());
        // Months are invoiced in order for each customer.
        Assert.All(stored.GroupBy(invoice => invoice.Customer), invoices => Assert.Equal(
            invoices.OrderBy(invoice => invoice.Month, StringComparer.Ordinal).Select(invoice => invoice.Number),
            invoices.Select(invoice => invoice.Number)));

        var answered = await ExactTotals.AssertInvoicesGaplessAsync(cluster.Http, KnownEventSet.Customers);
        Assert.Equal(stored.Count, answered.Count);
        foreach (var invoice in stored)
        {
            var answer = answered.Single(a => a.Customer == invoice.Customer && a.Month == invoice.Month);
            Assert.Equal(invoice.Number, answer.Number);
            ExactTotals.AssertInvoice(set, answer);
            var total = ExactTotals.Money(set.CustomerTotal(invoice.Customer, ParseMonth(invoice.Month)));
            Assert.Equal(total, ExactTotals.Money(invoice.Total));

            var folder = Path.Combine(cluster.InvoiceDirectory, invoice.Month);
            Assert.Equal($"{invoice.Month}\t{invoice.Customer}\t EUR {total}\n", await File.ReadAllTextAsync(Path.Combine(folder, invoice.Customer + ".txt")));
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, invoice.Customer + ".json")));
            Assert.Equal(invoice.Number, json.RootElement.GetProperty("number").GetInt64());
            Assert.Equal(invoice.Customer, json.RootElement.GetProperty("customer").GetString());
            Assert.Equal(invoice.Month, json.RootElement.GetProperty("month").GetString());
            Assert.Equal(total, json.RootElement.GetProperty("total").GetString());
        }

        // No other file: no invoice of anyone else, no temporary file left behind.
        var expectedFiles = stored
            .SelectMany(invoice => new[] { ".json", ".txt" }.Select(extension => Path.Combine(invoice.Month, invoice.Customer + extension)))
            .Order(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(cluster.InvoiceDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(cluster.InvoiceDirectory, path))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedFiles, files);
        return stored;
    }

    private static BillingMonth ParseMonth(string text) =>
        BillingMonth.TryParse(text, out var month) ? month : throw new FormatException(text);
}

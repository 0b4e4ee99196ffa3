using System.Net.Http.Json;
using Billing.Events;
using Billing.TestSupport;
using Billing.Web.Api;
using Microsoft.Extensions.DependencyInjection;
using static Billing.SystemTests.Infrastructure.BillingAppHost;

namespace Billing.SystemTests;

/// <summary>
/// Month closing in event time, through the whole embedded system: late usage becomes an adjustment, a silent
/// customer is invoiced through the customer directory, and a failing sink delays an invoice without duplicating it.
/// </summary>
public sealed class MonthClosingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Every record goes to partition 0; the other partitions never see one and count as idle after a second.
    private static readonly string[] OnePartitionSettings = ["--Generator:Enabled=false", "--Billing:IdlePartitionTimeout=00:00:01"];

    [Fact]
    public async Task LateEvent_AfterItsMonthWasInvoiced_IsAnAdjustmentOnTheNextInvoice()
    {
        await using var host = await StartAsync(OnePartitionSettings);
        await host.ProduceAsync([
            CsvRecords.Event("Emma", EventType.Call, 10.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event("Emma", EventType.Call, 20.00m, "2026-10-02T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        var september = await host.WaitForInvoicesAsync("Emma", ["2026-09"], Patience);
        Assert.Equal("10.00", Assert.Single(september.Invoices).Total);

        await host.ProduceAsync([CsvRecords.Event("Emma", EventType.Pack, 3.57m, "2026-09-29T23:00:00Z")]);
        var late = await host.WaitForLateEventsAsync("Emma", 1, Patience);
        Assert.Equal([new AdjustmentResponse("2026-09", 1, "3.57")], late.PendingAdjustments);
        Assert.Equal([("2026-10", "open", "20.00")], late.Months.Select(m => (m.Month, m.Status, m.Total)));

        await host.ProduceAsync([CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-11-05T00:00:00Z")]);
        var invoices = await host.WaitForInvoicesAsync("Emma", ["2026-09", "2026-10"], Patience);

        var october = invoices.Invoices[0];
        Assert.Equal("2026-10", october.Month);
        Assert.Equal([new InvoiceLineResponse("CALL", 1, "20.00")], october.Lines);
        Assert.Equal([new AdjustmentResponse("2026-09", 1, "3.57")], october.Adjustments);
        Assert.Equal("23.57", october.Total);
        Assert.Equal("10.00", invoices.Invoices[1].Total);
        var after = await host.Http.GetFromJsonAsync<CustomerUsageResponse>("/api/customers/Emma/usage");
        Assert.Empty(after!.PendingAdjustments);
        Assert.Empty(after.Months);
        Assert.Equal(1, after.LateEvents);
        var issued = await ExactTotals.AssertInvoicesGaplessAsync(host.Http, ["Emma", "Clock"]);
        var status = await host.Http.GetFromJsonAsync<StatusResponse>("/api/status");
        Assert.Equal(issued.Count, status!.InvoicesIssued);
    }

    [Fact]
    public async Task CopyOfAnInvoicedEvent_SameId_IsADuplicateNotAnAdjustment()
    {
        await using var host = await StartAsync(OnePartitionSettings);
        await host.ProduceAsync([
            CsvRecords.Identified("emma-sep-1", "Emma", EventType.Call, 10.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event("Emma", EventType.Call, 20.00m, "2026-10-02T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        await host.WaitForInvoicesAsync("Emma", ["2026-09"], Patience);

        // The producer retries the September event after its invoice was issued; then a late event that is new.
        await host.ProduceAsync([
            CsvRecords.Identified("emma-sep-1", "Emma", EventType.Call, 10.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Identified("emma-sep-2", "Emma", EventType.Pack, 3.57m, "2026-09-29T23:00:00Z")]);
        var late = await host.WaitForLateEventsAsync("Emma", 1, Patience);

        Assert.Equal([new AdjustmentResponse("2026-09", 1, "3.57")], late.PendingAdjustments);
        Assert.Equal(1, late.Duplicates);
        var invoices = await host.Http.GetFromJsonAsync<InvoiceListResponse>("/api/customers/Emma/invoices");
        Assert.Equal("10.00", Assert.Single(invoices!.Invoices).Total);
        var status = await host.Http.GetFromJsonAsync<StatusResponse>("/api/status");
        Assert.Equal(1, status!.Duplicates);
    }

    [Fact]
    public async Task EventOfAClosedMonth_CustomerWithoutUsageInIt_IsAnAdjustmentNotAnInvoiceOfThatMonth()
    {
        await using var host = await StartAsync(OnePartitionSettings);
        await host.ProduceAsync([
            CsvRecords.Event("Olivia", EventType.Data, 4.00m, "2026-10-01T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        await host.WaitForInvoicesAsync("Clock", ["2026-09"], Patience);

        // Olivia has only October open; September has closed for everyone, so this is late usage.
        await host.ProduceAsync([CsvRecords.Event("Olivia", EventType.Call, 2.50m, "2026-09-20T08:00:00Z")]);
        var late = await host.WaitForLateEventsAsync("Olivia", 1, Patience);

        Assert.Equal([new AdjustmentResponse("2026-09", 1, "2.50")], late.PendingAdjustments);
        Assert.Equal([("2026-10", "open", "4.00")], late.Months.Select(m => (m.Month, m.Status, m.Total)));
        var invoices = await host.Http.GetFromJsonAsync<InvoiceListResponse>("/api/customers/Olivia/invoices");
        Assert.Empty(invoices!.Invoices);
    }

    [Fact]
    public async Task SilentCustomer_InactiveWhenItsMonthCloses_IsInvoicedThroughItsDirectoryShard()
    {
        // The shards' reminders are an hour apart: only the event clock telling the shards can close Ava here.
        await using var host = await StartAsync([.. OnePartitionSettings, "--Billing:ClosingReminderPeriod=01:00:00"]);
        await host.ProduceAsync([
            CsvRecords.Event("Ava", EventType.Data, 5.00m, "2026-09-03T10:00:00Z"),
            CsvRecords.Event("Ava", EventType.Call, 7.25m, "2026-09-15T10:00:00Z"),
            CsvRecords.Event("Emma", EventType.Call, 1.00m, "2026-09-20T10:00:00Z")]);
        await host.WaitUntilHandledAsync(3, deadLetters: 0, Patience);

        // Ava says nothing after mid-month and is no longer active: only the directory, which knows its month, can close it.
        var grains = host.App.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await host.ProduceAsync([CsvRecords.Event("Emma", EventType.Call, 2.00m, "2026-10-05T00:00:00Z")]);

        var invoices = await host.WaitForInvoicesAsync("Ava", ["2026-09"], Patience);

        var invoice = Assert.Single(invoices.Invoices);
        Assert.Equal([new InvoiceLineResponse("DATA", 1, "5.00"), new InvoiceLineResponse("CALL", 1, "7.25")], invoice.Lines);
        Assert.Equal("12.25", invoice.Total);
    }

    [Fact]
    public async Task FailingInvoiceFiles_ThenRecovering_IssuesEachInvoiceOnceWithoutGaps()
    {
        await using var host = await StartAsync(OnePartitionSettings);
        // A file where the month's folder must go: writing the invoice files fails until it is removed.
        var blocker = Path.Combine(host.InvoiceDirectory, "2026-09");
        await File.WriteAllTextAsync(blocker, "not a folder");
        await host.ProduceAsync([
            CsvRecords.Event("Emma", EventType.Call, 10.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event("Olivia", EventType.Data, 4.00m, "2026-09-11T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);

        var failing = await WaitForAsync(
            async () => (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!,
            status => status.Invoicing?.FailingMonths == 2,
            Patience,
            "both September invoices to fail");
        Assert.Equal("files", failing.Invoicing!.LastFailure!.Stage);
        var closing = await host.Http.GetFromJsonAsync<CustomerUsageResponse>("/api/customers/Emma/usage");
        Assert.Equal(("2026-09", "closing"), (closing!.Months[0].Month, closing.Months[0].Status));

        File.Delete(blocker);
        var recovered = await WaitForAsync(
            async () => (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!,
            status => status.Invoicing?.FailingMonths == 0,
            Patience,
            "the invoices to be issued after all");

        Assert.NotNull(recovered.Invoicing!.LastRecoveryAt);
        var invoices = await ExactTotals.AssertInvoicesGaplessAsync(host.Http, ["Emma", "Olivia"]);
        Assert.Equal(2, invoices.Count);
        foreach (var invoice in invoices)
        {
            Assert.Equal(
                $"2026-09\t{invoice.Customer}\t EUR {invoice.Total}\n",
                await File.ReadAllTextAsync(Path.Combine(host.InvoiceDirectory, "2026-09", $"{invoice.Customer}.txt")));
        }

        Assert.Empty((await host.Http.GetFromJsonAsync<CustomerUsageResponse>("/api/customers/Emma/usage"))!.Months);
    }
}

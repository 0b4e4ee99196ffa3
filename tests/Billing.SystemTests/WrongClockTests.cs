using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Billing.Events;
using Billing.Grains;
using Billing.Grains.Streaming.Kafka;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Usage;
using Billing.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>
/// Producers with a wrong clock, as a probe ran them against the embedded app on the wall clock: a year ahead on
/// every partition, and seconds written where milliseconds belong. Such records are dead-lettered as
/// <c>implausible-time</c>; totals, invoices and the watermark stay exactly as they were.
/// </summary>
public sealed class WrongClockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const int Partitions = KnownEventSet.DefaultPartitions;

    [Fact]
    public async Task EightRecordsAYearAhead_OnePerPartition_ChangeNothingButTheDeadLetterCount()
    {
        await using var host = await BillingAppHost.StartOnAppClockAsync("--Generator:Enabled=false");
        var usedAt = WholeSeconds(DateTimeOffset.UtcNow.AddHours(-2));
        // Emma's 100.00 of this month, spread over every partition so that each has delivered an event time.
        await host.ProduceAsync(Enumerable.Range(0, Partitions).Select(p => Event("Emma", EventType.Call, 12.50m, usedAt, p)));
        await host.WaitUntilHandledAsync(Partitions, deadLetters: 0, Patience);
        var before = await WaitUntilEveryPartitionCountsAsync(host, usedAt);

        var aYearAhead = DateTimeOffset.UtcNow.AddYears(1);
        await host.ProduceAsync(Enumerable.Range(0, Partitions).Select(p => Event("Mallory", EventType.Misc, 0.01m, aYearAhead, p)));
        var after = await host.WaitUntilHandledAsync(2 * Partitions, deadLetters: Partitions, Patience);
        await WaitUntilTheClockHasHeardEveryPartitionSinceAsync(host, DateTimeOffset.UtcNow);
        var letters = await WaitForLatestDeadLettersAsync(host, KafkaTopicInspector.LatestDeadLetterCount);

        Assert.Equal(before.Watermark, (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!.Watermark);
        Assert.Equal(usedAt.AddHours(-12), before.Watermark);
        Assert.Equal(before.ClosedThrough, after.ClosedThrough);
        Assert.All(letters, letter =>
        {
            Assert.Equal("implausible-time", letter.Reason);
            Assert.Contains("ahead of the processing clock", letter.Detail, StringComparison.Ordinal);
        });
        await AssertEmmasHundredIsOpenAndUninvoicedAsync(host, usedAt);
        using var mallory = await host.Http.GetAsync("/api/customers/Mallory/usage");
        Assert.Equal(HttpStatusCode.NotFound, mallory.StatusCode);
        using var misc = await host.Http.GetAsync("/types/MISC");
        Assert.Equal(HttpStatusCode.NotFound, misc.StatusCode);
    }

    [Fact]
    public async Task CsvTimeInSecondsInsteadOfMilliseconds_IsDeadLetteredNotBilledAsA1970Adjustment()
    {
        await using var host = await BillingAppHost.StartOnAppClockAsync("--Generator:Enabled=false");
        var usedAt = WholeSeconds(DateTimeOffset.UtcNow.AddHours(-2));
        await host.ProduceAsync(Enumerable.Range(0, Partitions).Select(p => Event("Emma", EventType.Call, 12.50m, usedAt, p)));
        await host.WaitUntilHandledAsync(Partitions, deadLetters: 0, Patience);

        var seconds = usedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await host.ProduceAsync([CsvRecords.Raw("Emma", $"{seconds},Emma,3.57,CALL", partition: 3)]);
        await host.WaitUntilHandledAsync(Partitions + 1, deadLetters: 1, Patience);

        var letter = Assert.Single(await WaitForLatestDeadLettersAsync(host, 1));
        Assert.Equal(("implausible-time", 3), (letter.Reason, letter.SourcePartition));
        Assert.StartsWith("time 1970-01-", letter.Detail, StringComparison.Ordinal);
        await AssertEmmasHundredIsOpenAndUninvoicedAsync(host, usedAt);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    /// <summary>The status reads the dead-letter topic's tail by itself: waits until it lists <paramref name="count"/>.</summary>
    private static async Task<IReadOnlyList<DeadLetterResponse>> WaitForLatestDeadLettersAsync(BillingAppHost host, int count) =>
        (await BillingAppHost.WaitForAsync(
            async () => (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!,
            status => status.LatestDeadLetters.Count == count,
            Patience,
            $"the status to list {count} dead letters")).LatestDeadLetters;

    private static (int Partition, byte[]? Key, byte[] Value) Event(string customer, EventType type, decimal amount, DateTimeOffset time, int partition) =>
        CsvRecords.Event(customer, type, amount, time.ToString("O", CultureInfo.InvariantCulture), partition);

    private static async Task AssertEmmasHundredIsOpenAndUninvoicedAsync(BillingAppHost host, DateTimeOffset usedAt)
    {
        var usage = await host.Http.GetFromJsonAsync<CustomerUsageResponse>("/api/customers/Emma/usage");
        var month = Assert.Single(usage!.Months);
        Assert.Equal((BillingMonth.Of(usedAt).ToString(), "open", Partitions, "100.00"), (month.Month, month.Status, month.Count, month.Total));
        Assert.Equal([new TypeTotalResponse("CALL", Partitions, "100.00")], month.Types);
        Assert.Empty(usage.PendingAdjustments);
        Assert.Equal(0, usage.LateEvents);
        var invoices = await host.Http.GetFromJsonAsync<InvoiceListResponse>("/api/customers/Emma/invoices");
        Assert.Empty(invoices!.Invoices);
    }

    /// <summary>Waits until the global watermark stands on every partition's delivered event time.</summary>
    private static Task<StatusResponse> WaitUntilEveryPartitionCountsAsync(BillingAppHost host, DateTimeOffset usedAt) =>
        BillingAppHost.WaitForAsync(
            async () => (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!,
            status => status.Watermark == usedAt.AddHours(-12),
            Patience,
            "the watermark to stand at Emma's usage minus the out-of-orderness");

    /// <summary>Waits until the event clock has had a report of every partition made after <paramref name="since"/>.</summary>
    private static Task WaitUntilTheClockHasHeardEveryPartitionSinceAsync(BillingAppHost host, DateTimeOffset since) =>
        BillingAppHost.WaitForAsync(
            () => host.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventClockGrain>(0).GetStatusAsync(),
            clock => clock.Partitions.Count == Partitions && clock.Partitions.All(p => p.ReportedAt > since),
            Patience,
            "a report of every partition after the attack was handled");
}

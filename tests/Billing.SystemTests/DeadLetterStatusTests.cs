using System.Net.Http.Json;
using Billing.Events;
using Billing.Grains.Streaming.Kafka;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Api;

namespace Billing.SystemTests;

/// <summary>
/// The status names why the newest records were dead-lettered, read back from the dead-letter topic, so an
/// admin sees what producers are getting wrong without a Kafka tool.
/// </summary>
public sealed class DeadLetterStatusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MalformedRecords_StatusListsTheNewestWithReasonAndOrigin()
    {
        await using var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");
        // Offsets 0-3 of partition 0: three refused records around one good one.
        await host.ProduceAsync([
            CsvRecords.Raw("Emma", "1790000000000,Emma,1.00,FAX"),
            CsvRecords.Event("Emma", EventType.Call, 2.50m, "2026-09-10T08:00:00Z"),
            CsvRecords.Raw("Emma", "1790000000000,Emma,-1.00,CALL"),
            CsvRecords.Raw("Emma", "1790000000000,Olivia,1.00,CALL")]);
        var first = await host.WaitUntilHandledAsync(4, deadLetters: 3, Patience);
        var firstLetters = await WaitForLatestAsync(host, 3);

        Assert.Equal(
            [("customer-mismatch", 3L), ("non-positive-amount", 2L), ("unknown-type", 0L)],
            firstLetters.OrderByDescending(l => l.SourceOffset).Select(l => (l.Reason, l.SourceOffset!.Value)));
        Assert.All(firstLetters, letter => Assert.Equal(0, letter.SourcePartition));
        Assert.All(firstLetters, letter => Assert.False(string.IsNullOrWhiteSpace(letter.Detail)));
        Assert.Equal(firstLetters.OrderByDescending(l => l.At).Select(l => l.At), firstLetters.Select(l => l.At));
        Assert.Equal(3, first.DeadLetters);

        // Four more, later: they are the four newest, and one of the first three fills the fifth place.
        await host.ProduceAsync([
            CsvRecords.Raw("Emma", "1790000000000,Emma,1.001,CALL"),
            CsvRecords.Raw("Emma", "yesterday,Emma,1.00,CALL"),
            CsvRecords.Raw("Emma", "1790000000000,Emma,1.00"),
            CsvRecords.Raw("Emma", "1790000000000,Emma,lots,CALL")]);
        await host.WaitUntilHandledAsync(8, deadLetters: 7, Patience);
        var latest = await WaitForLatestAsync(host, KafkaTopicInspector.LatestDeadLetterCount, newestOffset: 7);

        Assert.Equal(KafkaTopicInspector.LatestDeadLetterCount, latest.Count);
        Assert.Equal(
            ["invalid-amount", "invalid-time", "malformed-csv", "too-many-minor-digits"],
            latest.Take(4).Select(l => l.Reason).Order(StringComparer.Ordinal));
        Assert.Equal([4L, 5L, 6L, 7L], latest.Take(4).Select(l => l.SourceOffset!.Value).Order());
        Assert.Contains(latest[4].SourceOffset!.Value, new long[] { 0, 2, 3 });
    }

    private static Task<IReadOnlyList<DeadLetterResponse>> WaitForLatestAsync(BillingAppHost host, int count, long? newestOffset = null) =>
        BillingAppHost.WaitForAsync<IReadOnlyList<DeadLetterResponse>>(
            async () => (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!.LatestDeadLetters,
            letters => letters.Count == count && (newestOffset is null || letters.Any(l => l.SourceOffset == newestOffset)),
            Patience,
            $"{count} dead letters in the status");
}

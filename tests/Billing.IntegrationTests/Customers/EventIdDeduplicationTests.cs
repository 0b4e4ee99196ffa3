using Billing.Events;
using Billing.Grains;
using Billing.Grains.Customers;
using Billing.Grains.Deduplication;
using Billing.Grains.Types;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport;

namespace Billing.IntegrationTests.Customers;

/// <summary>
/// Records with a producer's id count once per customer, through Kafka and the stream provider into the customer
/// and type grains: whatever partition a copy comes on, and after the grains were deactivated and read their
/// ids back from storage (tails in their state, full pages stored apart).
/// </summary>
public sealed class EventIdDeduplicationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset November = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SameIdOnTwoPartitions_IsBilledOnceForTheCustomerAndTheType()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        var original = new BillableEvent("dedup-emma", EventType.Call, 3.57m, November, "evt-1");
        var other = new BillableEvent("dedup-emma", EventType.Call, 1.00m, November.AddHours(1), "evt-2");
        var withoutId = new BillableEvent("dedup-emma", EventType.Call, 0.50m, November.AddHours(2));
        TestRecord[] records =
        [
            TestRecord.Json(0, original), TestRecord.Json(5, original), TestRecord.Json(0, other),
            // Records without an id keep offset-based exactly-once only: sent twice, they count twice.
            TestRecord.Csv(2, withoutId), TestRecord.Csv(2, withoutId),
        ];

        await harness.ProduceAsync(records);
        await harness.WaitForCommitsAsync(Ends(records), Patience);

        var usage = await harness.Cluster.Client.GetGrain<ICustomerGrain>("dedup-emma").GetUsageAsync();
        var month = Assert.Single(usage!.OpenMonths);
        Assert.Equal((4, 5.57m), (month.Count, month.Total));
        Assert.Equal(1, usage.Duplicates);
        var type = await harness.Cluster.Client.GetGrain<IEventTypeGrain>(EventType.Call.WireName()).GetUsageAsync();
        Assert.Equal((4, 5.57m), (type!.Current!.Count, type.Current.Total));
        Assert.Equal(1, type.Duplicates);
    }

    [Fact]
    public async Task MoreIdsThanAPage_CopiesAfterTheGrainsWereDeactivated_AreAllRecognized()
    {
        // More than one full page of ids: the first page is stored apart, the rest in the customer's state.
        const int Events = SeenEventIds.DefaultPageSize + 904;
        await using var harness = await KafkaIngestionHarness.StartAsync();
        var events = Enumerable.Range(0, Events)
            .Select(i => new BillableEvent("dedup-page", EventTypes.All[i % EventTypes.All.Count], 0.01m * (1 + i % 100), November.AddSeconds(i), $"id-{i}"))
            .ToList();
        var originals = events.Select(e => TestRecord.Json(1, e)).ToList();
        await harness.ProduceAsync(originals);
        await harness.WaitForCommitsAsync(Ends(originals), Patience);
        await DeactivateBillingGrainsAsync(harness);

        // The copies come on another partition, as a producer's retry after a time-out might.
        var copies = events.Select(e => TestRecord.Json(6, e)).ToList();
        await harness.ProduceAsync(copies);
        await harness.WaitForCommitsAsync(Ends([.. originals, .. copies]), Patience);

        var usage = await harness.Cluster.Client.GetGrain<ICustomerGrain>("dedup-page").GetUsageAsync();
        var month = Assert.Single(usage!.OpenMonths);
        Assert.Equal((Events, events.Sum(e => e.Amount)), (month.Count, month.Total));
        Assert.Equal(Events, usage.Duplicates);
        var typeDuplicates = 0L;
        foreach (var type in EventTypes.All)
        {
            var typeUsage = await harness.Cluster.Client.GetGrain<IEventTypeGrain>(type.WireName()).GetUsageAsync();
            var ofType = events.Where(e => e.Type == type).ToList();
            Assert.Equal((ofType.Count, ofType.Sum(e => e.Amount)), (typeUsage!.Current!.Count, typeUsage.Current.Total));
            typeDuplicates += typeUsage.Duplicates;
        }

        Assert.Equal(Events, typeDuplicates);
    }

    /// <summary>Collects every idle activation, and waits until Orleans counts no customer or type grain.</summary>
    private static async Task DeactivateBillingGrainsAsync(KafkaIngestionHarness harness)
    {
        var management = harness.Cluster.Client.GetGrain<IManagementGrain>(0);
        async Task<int> CountAsync() => (await management.GetSimpleGrainStatistics())
            .Where(statistic => statistic.GrainType.Contains(nameof(CustomerGrain), StringComparison.Ordinal)
                || statistic.GrainType.Contains(nameof(EventTypeGrain), StringComparison.Ordinal))
            .Sum(statistic => statistic.ActivationCount);

        await Eventually.UntilAsync(
            async () =>
            {
                await management.ForceActivationCollection(TimeSpan.Zero);
                return await CountAsync() == 0;
            },
            Patience,
            async () => $"{await CountAsync()} customer and type activations left",
            TimeSpan.FromMilliseconds(200));
    }

    private static long[] Ends(IReadOnlyCollection<TestRecord> records) =>
        [.. Enumerable.Range(0, KafkaIngestionHarness.Partitions).Select(p => (long)records.Count(r => r.Partition == p))];
}

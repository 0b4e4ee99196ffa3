using System.Text;
using Billing.Events;
using Billing.Grains.Streaming.Kafka;
using Billing.IntegrationTests.Infrastructure;
using Billing.Streams;
using Billing.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.IntegrationTests.Streaming;

/// <summary>
/// The Kafka stream provider end to end: the embedded broker, real silos, real grains consuming the
/// customer and type streams.
/// </summary>
public sealed class KafkaStreamProviderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Records_InBothFormatsOverSeveralPartitions_ReachTheirStreamsInPartitionOrder()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        var produced = TestEvents.Spread(TestEvents.Create(400, seed: 1), KafkaIngestionHarness.Partitions);

        await harness.ProduceAsync(produced.Select(p => p.Record));
        await harness.Probe.WaitUntilAsync(d => d.Count >= 2 * produced.Count, Patience, "every record on two streams");

        var expected = produced.ToDictionary(p => (p.Record.Partition, p.Offset), p => p.Expected);
        var deliveries = harness.Probe.Deliveries;
        foreach (var streamNamespace in new[] { BillingStreams.CustomerNamespace, BillingStreams.TypeNamespace })
        {
            var inNamespace = deliveries.Where(d => d.Namespace == streamNamespace).ToList();
            // Exactly once each, with the exact event the record carried.
            Assert.Equal(produced.Count, inNamespace.Count);
            Assert.Equal(expected.Keys.Order(), inNamespace.Select(d => (d.Event.Partition, d.Event.Offset)).Order());
            Assert.All(inNamespace, d => Assert.Equal(expected[(d.Event.Partition, d.Event.Offset)], d.Event.Event));
        }

        Assert.All(deliveries, d => Assert.Equal(
            d.Namespace == BillingStreams.CustomerNamespace ? d.Event.Event.Customer : d.Event.Event.Type.WireName(), d.Key));
        AssertPartitionOrderWithinEachStream(deliveries);
        // One customer's records arrive from several partitions.
        Assert.Contains(deliveries, d => deliveries.Any(o => o.Key == d.Key && o.Event.Partition != d.Event.Partition));
    }

    [Fact]
    public async Task Silo_RestartedAfterCommit_ResumesFromCommittedOffsetsWithNothingSkipped()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        var nextOffsets = new long[KafkaIngestionHarness.Partitions];
        var before = TestEvents.Spread(TestEvents.Create(200, seed: 2, "before"), KafkaIngestionHarness.Partitions, nextOffsets);
        await harness.ProduceAsync(before.Select(p => p.Record));
        await harness.Probe.WaitUntilAsync(d => CustomerDeliveries(d) >= before.Count, Patience, "the first records");
        await harness.WaitForCommitsAsync(nextOffsets, Patience);

        var oldSilo = harness.Cluster.Silos[0];
        await harness.Cluster.StopSiloAsync(oldSilo);
        var after = TestEvents.Spread(TestEvents.Create(200, seed: 3, "after"), KafkaIngestionHarness.Partitions, nextOffsets);
        await harness.ProduceAsync(after.Select(p => p.Record));
        var newSilo = await harness.Cluster.StartAdditionalSiloAsync();
        await harness.Probe.WaitUntilAsync(d => CustomerDeliveries(d) >= before.Count + after.Count, Patience, "the records produced while down");
        await harness.WaitForCommitsAsync(nextOffsets, Patience);

        var customerDeliveries = harness.Probe.Deliveries.Where(d => d.Namespace == BillingStreams.CustomerNamespace).ToList();
        // Committed records are not read again, and nothing after them is skipped: each arrives exactly once.
        Assert.Equal(
            before.Concat(after).Select(p => (p.Record.Partition, p.Offset)).Order(),
            customerDeliveries.Select(d => (d.Event.Partition, d.Event.Offset)).Order());
        var afterIds = after.Select(p => p.Expected.Id).Where(id => id is not null).ToHashSet();
        Assert.All(customerDeliveries.Where(d => afterIds.Contains(d.Event.Event.Id)),
            d => Assert.Equal(newSilo.SiloAddress.ToString(), d.Silo));
    }

    [Fact]
    public async Task BadRecords_AreDeadLetteredWithTheirReasons_AndDoNotBlockTheirPartition()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        var good = TestEvents.Create(6, seed: 4);
        var records = new List<(TestRecord Record, string? Reason)>
        {
            (TestRecord.Csv(0, good[0]), null),
            (TestRecord.Raw(0, "Emma", "1700000000000,Emma,3.57,TEXT"), "unknown-type"),
            (TestRecord.Csv(0, good[1]), null),
            (TestRecord.Raw(0, "Noah", "1700000000000,Emma,3.57,CALL"), "customer-mismatch"),
            (TestRecord.Raw(0, "Emma", "1700000000000,Emma,3.575,CALL"), "too-many-minor-digits"),
            (TestRecord.Raw(0, "Emma", "1700000000000,Emma,-1.00,CALL"), "non-positive-amount"),
            (new TestRecord(0, Encoding.UTF8.GetBytes("Emma"), [0x31, 0x2C, 0xC3, 0x28]), "invalid-utf8"),
            (TestRecord.Csv(0, good[2]), null),
            (TestRecord.Raw(1, "Liam", """{"customer":"Liam","type":"CALL","amount":"1.00","currency":"USD","time":"2026-11-03T10:00:00Z"}"""), "wrong-currency"),
            (TestRecord.Raw(1, "Liam", """{"customer":"Liam","type":"CALL","amount":"1.00","time":"yesterday"}"""), "invalid-time"),
            (TestRecord.Raw(1, "Liam", """{"customer":"Liam","type":"CALL","time":"2026-11-03T10:00:00Z"}"""), "missing-field"),
            (TestRecord.Raw(1, null, "garbage"), "malformed-csv"),
            (TestRecord.Raw(1, null, "{not json"), "malformed-json"),
            (TestRecord.Json(1, good[3]), null),
            (TestRecord.Raw(1, null, ""), "empty-record"),
            (TestRecord.Json(1, good[4]), null),
        };
        await harness.ProduceAsync(records.Select(r => r.Record));
        var goodCount = records.Count(r => r.Reason is null);
        var bad = records.Select((r, index) => (r.Record, r.Reason, Offset: OffsetInPartition(records, index)))
            .Where(r => r.Reason is not null).ToList();

        await harness.Probe.WaitUntilAsync(d => CustomerDeliveries(d) >= goodCount, Patience, "the good records");
        var deadLetters = harness.ReadDeadLetters(bad.Count, Patience);

        Assert.Equal(goodCount, CustomerDeliveries(harness.Probe.Deliveries));
        Assert.Equal(bad.Count, deadLetters.Count);
        foreach (var expected in bad)
        {
            var letter = Assert.Single(deadLetters, l =>
                Header(l, KafkaDeadLetterHeaders.SourcePartition) == expected.Record.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && Header(l, KafkaDeadLetterHeaders.SourceOffset) == expected.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.Reason, Header(letter, KafkaDeadLetterHeaders.Reason));
            Assert.False(string.IsNullOrWhiteSpace(Header(letter, KafkaDeadLetterHeaders.Detail)));
            Assert.Equal(KafkaIngestionHarness.Topic, Header(letter, KafkaDeadLetterHeaders.SourceTopic));
            Assert.Equal(expected.Record.Value ?? [], letter.Message.Value ?? []);
            Assert.Equal(expected.Record.Key, letter.Message.Key);
        }

        // Nothing blocks: both partitions are committed past the last bad record.
        var ends = new long[KafkaIngestionHarness.Partitions];
        ends[0] = records.Count(r => r.Record.Partition == 0);
        ends[1] = records.Count(r => r.Record.Partition == 1);
        for (var p = 2; p < ends.Length; p++)
        {
            ends[p] = -1001; // Offset.Unset: nothing was ever read there.
        }

        await harness.WaitForCommitsAsync(ends, Patience);
    }

    [Fact]
    public async Task ConsumerThatThrows_DeliveryIsRetriedWhileThePartitionWaits_AndGoesThroughWhenTheConsumerRecovers()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        harness.Probe.Poison("Mallory");
        var (events, records) = await ProduceWithPoisonAtOffsetTenAsync(harness);

        await harness.Probe.WaitUntilAsync(
            d => CustomerDeliveries(d) >= events.Count && d.Count(x => x.Namespace == BillingStreams.TypeNamespace) >= records.Count,
            Patience, "every record but the poisoned one");
        var stall = await WaitForStallAsync(harness, minimumAttempts: 3);

        Assert.Equal(10, stall.FirstOffset);
        Assert.Equal("customer/Mallory", stall.StreamId);
        Assert.Contains("poisoned", stall.LastError, StringComparison.Ordinal);
        Assert.False(stall.SkipOrdered);
        // The partition waits behind the poisoned record: records after it were delivered but are not committed.
        Assert.Equal(Ends(partition2: 10), harness.CommittedOffsets());

        harness.Probe.Cure("Mallory");

        await harness.Probe.WaitUntilAsync(
            d => d.Any(x => x.Namespace == BillingStreams.CustomerNamespace && x.Key == "Mallory"), Patience, "Mallory's record");
        await harness.WaitForCommitsAsync(Ends(partition2: records.Count), Patience);
        Assert.Null(harness.Delivery(2)!.Stall);
        Assert.Empty(harness.ReadDeadLetters(0, TimeSpan.Zero));
    }

    [Fact]
    public async Task ConsumerThatKeepsThrowing_AnOperatorSkipsTheDelivery_ItsRecordIsDeadLetteredAndThePartitionMovesOn()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        harness.Probe.Poison("Mallory");
        var (_, records) = await ProduceWithPoisonAtOffsetTenAsync(harness);
        await WaitForStallAsync(harness, minimumAttempts: 2);
        Assert.False(harness.OrderSkip(2, 11));

        Assert.True(harness.OrderSkip(2, 10));

        await harness.WaitForCommitsAsync(Ends(partition2: records.Count), Patience);
        var letter = Assert.Single(harness.ReadDeadLetters(1, Patience));
        Assert.Equal(KafkaDeadLetterHeaders.SkippedByOperatorReason, Header(letter, KafkaDeadLetterHeaders.Reason));
        Assert.Equal("10", Header(letter, KafkaDeadLetterHeaders.SourceOffset));
        Assert.Equal("2", Header(letter, KafkaDeadLetterHeaders.SourcePartition));
        Assert.Equal(records[10].Value, letter.Message.Value);
        Assert.DoesNotContain(harness.Probe.Deliveries, d => d.Namespace == BillingStreams.CustomerNamespace && d.Key == "Mallory");
        Assert.Null(harness.Delivery(2)!.Stall);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(null)]
    public async Task MaxConcurrentDeliveries_BoundsTheCallsToConsumersAGrainCanSeeInFlight(int? limit)
    {
        await using var harness = await KafkaIngestionHarness.StartAsync(configureSilo: silo =>
        {
            if (limit is { } max)
            {
                silo.Services.Configure<KafkaStreamOptions>(BillingStreams.ProviderName, options => options.MaxConcurrentDeliveries = max);
            }
        });
        harness.Probe.HoldEachDelivery(TimeSpan.FromMilliseconds(100));
        var november = new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, 40)
            .Select(i => new BillableEvent($"gate-{i:D2}", EventType.Call, 1.00m, november.AddMinutes(i), $"gate-{i}"))
            .ToList();
        var produced = TestEvents.Spread(events, KafkaIngestionHarness.Partitions);

        await harness.ProduceAsync(produced.Select(p => p.Record));
        await harness.Probe.WaitUntilAsync(d => d.Count >= 2 * produced.Count, Patience, "every record on two streams");

        if (limit is { } bound)
        {
            Assert.InRange(harness.Probe.MaxInFlight, 1, bound);
        }
        else
        {
            // The control: forty customers over eight partitions, each delivery held, overlap without a tight gate.
            Assert.True(harness.Probe.MaxInFlight > 2, $"{harness.Probe.MaxInFlight} deliveries at most in flight");
        }
    }

    /// <summary>
    /// Thirty good records in partition 2 with Mallory's at offset 10: the ten before it are produced, delivered
    /// and committed first, so that the commit stands exactly before the poisoned record.
    /// </summary>
    private static async Task<(List<BillableEvent> Events, List<TestRecord> Records)> ProduceWithPoisonAtOffsetTenAsync(KafkaIngestionHarness harness)
    {
        var events = TestEvents.Create(30, seed: 5);
        var poison = new BillableEvent("Mallory", EventType.Call, 6.66m,
            new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), "poison");
        var records = events.Take(10).Select(e => TestRecord.Csv(2, e))
            .Append(TestRecord.Json(2, poison))
            .Concat(events.Skip(10).Select(e => TestRecord.Json(2, e)))
            .ToList();
        await harness.ProduceAsync(records.Take(10));
        await harness.WaitForCommitsAsync(Ends(partition2: 10), Patience);
        await harness.ProduceAsync(records.Skip(10));
        return (events, records);
    }

    private static async Task<KafkaDeliveryStall> WaitForStallAsync(KafkaIngestionHarness harness, int minimumAttempts)
    {
        KafkaDeliveryStall? stall = null;
        await WaitUntilAsync(() => (stall = harness.Delivery(2)?.Stall) is { Attempts: var attempts } && attempts >= minimumAttempts,
            $"partition 2 to show a stall with {minimumAttempts} failed attempts");
        return stall!;
    }

    /// <summary>Committed offsets with nothing read but partition 2 (-1001 is Kafka's "unset").</summary>
    private static long[] Ends(long partition2)
    {
        var ends = Enumerable.Repeat(-1001L, KafkaIngestionHarness.Partitions).ToArray();
        ends[2] = partition2;
        return ends;
    }

    [Fact]
    public async Task TwoSilos_SharePartitions_AndWhenOneStopsTheOtherTakesItsPartitions()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync(silos: 2);
        var (first, second) = (harness.Cluster.Silos[0], harness.Cluster.Silos[1]);
        await WaitUntilAsync(() =>
            KafkaIngestionHarness.PartitionsReadBy(first).Count > 0
            && KafkaIngestionHarness.PartitionsReadBy(second).Count > 0
            && KafkaIngestionHarness.PartitionsReadBy(first).Concat(KafkaIngestionHarness.PartitionsReadBy(second)).Order()
                .SequenceEqual(Enumerable.Range(0, KafkaIngestionHarness.Partitions)),
            "both silos to read a share of the partitions");

        var nextOffsets = new long[KafkaIngestionHarness.Partitions];
        var before = TestEvents.Spread(TestEvents.Create(160, seed: 6, "before"), KafkaIngestionHarness.Partitions, nextOffsets);
        await harness.ProduceAsync(before.Select(p => p.Record));
        await harness.Probe.WaitUntilAsync(d => CustomerDeliveries(d) >= before.Count, Patience, "records read by both silos");

        await harness.Cluster.StopSiloAsync(second);
        await WaitUntilAsync(
            () => KafkaIngestionHarness.PartitionsReadBy(first).SequenceEqual(Enumerable.Range(0, KafkaIngestionHarness.Partitions)),
            "the remaining silo to take every partition");
        var after = TestEvents.Spread(TestEvents.Create(160, seed: 7, "after"), KafkaIngestionHarness.Partitions, nextOffsets);
        await harness.ProduceAsync(after.Select(p => p.Record));
        var afterIds = after.Select(p => p.Expected.Id).Where(id => id is not null).ToHashSet();
        await harness.Probe.WaitUntilAsync(
            d => d.Where(x => x.Namespace == BillingStreams.CustomerNamespace).Select(x => (x.Event.Partition, x.Event.Offset)).Distinct().Count()
                 >= before.Count + after.Count,
            Patience, "every record, after the hand-over too");

        var delivered = harness.Probe.Deliveries.Where(d => d.Namespace == BillingStreams.CustomerNamespace).ToList();
        Assert.Equal(
            before.Concat(after).Select(p => (p.Record.Partition, p.Offset)).Order(),
            delivered.Select(d => (d.Event.Partition, d.Event.Offset)).Distinct().Order());
        Assert.All(delivered.Where(d => afterIds.Contains(d.Event.Event.Id)),
            d => Assert.Equal(first.SiloAddress.ToString(), d.Silo));
        await harness.WaitForCommitsAsync(nextOffsets, Patience);
    }

    private static int CustomerDeliveries(IReadOnlyCollection<ProbeDelivery> deliveries) =>
        deliveries.Count(d => d.Namespace == BillingStreams.CustomerNamespace);

    private static long OffsetInPartition(List<(TestRecord Record, string? Reason)> records, int index) =>
        records.Take(index).Count(r => r.Record.Partition == records[index].Record.Partition);

    private static string Header(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> letter, string name) =>
        letter.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : "";

    private static void AssertPartitionOrderWithinEachStream(IReadOnlyCollection<ProbeDelivery> deliveries)
    {
        foreach (var stream in deliveries.GroupBy(d => (d.Namespace, d.Key)))
        {
            foreach (var partition in stream.GroupBy(d => d.Event.Partition))
            {
                var offsets = partition.Select(d => d.Event.Offset).ToList();
                Assert.Equal(offsets.Order(), offsets);
            }
        }
    }

    // Queue ownership has no event to wait on; the balancer acts within seconds.
    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        Eventually.UntilAsync(condition, Patience, what, TimeSpan.FromMilliseconds(200));
}

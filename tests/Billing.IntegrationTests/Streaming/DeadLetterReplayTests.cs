using System.Text;
using Billing.Events;
using Billing.Grains.Streaming.Kafka;
using Billing.IntegrationTests.Infrastructure;
using Billing.Streams;
using Billing.TestSupport;
using Confluent.Kafka;

namespace Billing.IntegrationTests.Streaming;

/// <summary>
/// Dead letters put back on the incoming topic (<see cref="KafkaDeadLetterReplayer"/>) against the embedded
/// broker and a real silo reading it: the origin header they carry, what the provider does with a replay that is
/// still bad, what a selection chooses, and that a dry run produces nothing.
/// </summary>
public sealed class DeadLetterReplayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RejectedRecordWithHeaders_ItsDeadLetterKeepsThemAll_TheOriginHeaderIncluded()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        var headers = new Headers
        {
            { KafkaDeadLetterHeaders.Origin, "5/77"u8.ToArray() },
            { "traceparent", "00-abc-def-01"u8.ToArray() },
        };

        await ProduceAsync(harness, 3, "Emma", "1790000000000,Emma,1.00,FAX", headers);

        var letter = Assert.Single(harness.ReadDeadLetters(1, Patience));
        Assert.Equal("unknown-type", Header(letter.Message, KafkaDeadLetterHeaders.Reason));
        Assert.Equal("3", Header(letter.Message, KafkaDeadLetterHeaders.SourcePartition));
        Assert.Equal("0", Header(letter.Message, KafkaDeadLetterHeaders.SourceOffset));
        Assert.Equal("5/77", Header(letter.Message, KafkaDeadLetterHeaders.Origin));
        Assert.Equal("00-abc-def-01", Header(letter.Message, "traceparent"));
    }

    [Fact]
    public async Task Replay_StillBadRecords_AreDeadLetteredAgainWithTheirReasonAndTheirFirstOrigin()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        await harness.ProduceAsync([
            TestRecord.Raw(1, "Emma", "1790000000000,Emma,1.00,FAX"),
            TestRecord.Raw(1, "Emma", "1790000000000,Emma,-1.00,CALL")]);
        Assert.Equal(2, harness.ReadDeadLetters(2, Patience).Count);
        var replayer = Replayer(harness);

        var first = await replayer.ReplayAsync(KafkaDeadLetterSelection.All, dryRun: false, CancellationToken.None);

        Assert.Equal(new KafkaReplayResult(2, 2, 0, 0, 0, null, false), first);
        var letters = harness.ReadDeadLetters(4, Patience);
        Assert.Equal(4, letters.Count);
        var again = letters.Where(l => Header(l.Message, KafkaDeadLetterHeaders.Origin) != "").ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal(["1/0", "1/1"], again.Select(l => Header(l.Message, KafkaDeadLetterHeaders.Origin)).Order());
        Assert.All(again, l =>
        {
            var expectedReason = Header(l.Message, KafkaDeadLetterHeaders.Origin) == "1/0" ? "unknown-type" : "non-positive-amount";
            Assert.Equal(expectedReason, Header(l.Message, KafkaDeadLetterHeaders.Reason));
            // Read again where the replay landed (its partition chosen by its key): a new position, not the origin's.
            Assert.NotEqual(Header(l.Message, KafkaDeadLetterHeaders.Origin), $"{Header(l.Message, KafkaDeadLetterHeaders.SourcePartition)}/{Header(l.Message, KafkaDeadLetterHeaders.SourceOffset)}");
            // Only one set of dead-letter headers: those of the last rejection.
            Assert.Single(l.Message.Headers, h => h.Key == KafkaDeadLetterHeaders.Reason);
            Assert.Single(l.Message.Headers, h => h.Key == KafkaDeadLetterHeaders.Origin);
        });

        // A second replay of everything: the two first dead letters and their two copies share two origins.
        var second = await replayer.ReplayAsync(KafkaDeadLetterSelection.All, dryRun: false, CancellationToken.None);

        Assert.Equal(new KafkaReplayResult(4, 2, 2, 0, 0, null, false), second);
        var third = harness.ReadDeadLetters(6, Patience);
        Assert.Equal(6, third.Count);
        Assert.Equal(
            ["1/0", "1/0", "1/1", "1/1"],
            third.Select(l => Header(l.Message, KafkaDeadLetterHeaders.Origin)).Where(o => o != "").Order());
    }

    [Fact]
    public async Task Replay_ARecordSkippedByAnOperator_IsDeliveredWithItsOriginAsItsIdAndKeepsItsOwnHeaders()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        harness.Probe.Poison("Mallory");
        var time = new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);
        await ProduceAsync(harness, 2, "Mallory", $"{time.ToUnixTimeMilliseconds()},Mallory,6.66,CALL", new Headers { { "tenant", "t1"u8.ToArray() } });
        await WaitUntilAsync(() => harness.Delivery(2)?.Stall is { Attempts: >= 2 }, "partition 2 to stall on Mallory's record");
        Assert.True(harness.OrderSkip(2, 0));
        Assert.Single(harness.ReadDeadLetters(1, Patience));
        harness.Probe.Cure("Mallory");

        var result = await Replayer(harness).ReplayAsync(
            KafkaDeadLetterSelection.OfReason(KafkaDeadLetterHeaders.SkippedByOperatorReason), dryRun: false, CancellationToken.None);

        Assert.Equal(1, result.Replayed);
        await harness.Probe.WaitUntilAsync(
            d => d.Any(x => x.Namespace == BillingStreams.CustomerNamespace && x.Key == "Mallory"), Patience, "Mallory's replayed record");
        var delivered = Assert.Single(harness.Probe.Deliveries, d => d.Namespace == BillingStreams.CustomerNamespace && d.Key == "Mallory");
        Assert.Equal(new BillableEvent("Mallory", EventType.Call, 6.66m, time, "origin:2/0"), delivered.Event.Event);
        Assert.NotEqual((2, 0L), (delivered.Event.Partition, delivered.Event.Offset));
        var replayed = ReadIncoming(harness, delivered.Event.Partition)[(int)delivered.Event.Offset];
        Assert.Equal("t1", Header(replayed, "tenant"));
        Assert.Equal("2/0", Header(replayed, KafkaDeadLetterHeaders.Origin));
        Assert.DoesNotContain(replayed.Headers, h => h.Key is KafkaDeadLetterHeaders.Reason or KafkaDeadLetterHeaders.SourceOffset);
    }

    [Fact]
    public async Task Replay_ByPartitionAndOffsets_OrByReason_ChoosesOnlyThose_AndADryRunProducesNothing()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync();
        await harness.ProduceAsync([
            .. Enumerable.Range(0, 4).Select(i => TestRecord.Raw(4, "Emma", $"1790000000000,Emma,{i + 1}.00,FAX")),
            TestRecord.Raw(5, "Liam", "1790000000000,Liam,-1.00,CALL")]);
        Assert.Equal(5, harness.ReadDeadLetters(5, Patience).Count);
        var replayer = Replayer(harness);
        var incoming = IncomingEnds(harness);

        var dryRun = await replayer.ReplayAsync(KafkaDeadLetterSelection.OfPartition(4, 1, 2), dryRun: true, CancellationToken.None);
        var byReason = await replayer.ListAsync(KafkaDeadLetterSelection.OfReason("non-positive-amount"), CancellationToken.None);

        Assert.Equal(new KafkaReplayResult(2, 2, 0, 0, 0, null, true), dryRun);
        Assert.Equal(incoming, IncomingEnds(harness));
        Assert.Equal((5, 0L), (Assert.Single(byReason).Letter.SourcePartition, byReason[0].Letter.SourceOffset));
        Assert.Equal(new KafkaRecordOrigin(5, 0), byReason[0].Origin);
        Assert.False(byReason[0].WasReplayed);

        var replayed = await replayer.ReplayAsync(KafkaDeadLetterSelection.OfPartition(4, 1, 2), dryRun: false, CancellationToken.None);

        Assert.Equal(2, replayed.Replayed);
        Assert.Equal(7, harness.ReadDeadLetters(7, Patience).Count);
        var all = await replayer.ListAsync(KafkaDeadLetterSelection.All, CancellationToken.None);
        Assert.Equal(
            ["4/1", "4/2"],
            all.Where(l => l.WasReplayed).Select(l => l.Origin.ToString()).Order());
        var replays = Enumerable.Range(0, KafkaIngestionHarness.Partitions)
            .SelectMany(p => ReadIncoming(harness, p))
            .Where(m => Header(m, KafkaDeadLetterHeaders.Origin) != "")
            .ToList();
        Assert.Equal(["2.00", "3.00"], replays.Select(m => Encoding.UTF8.GetString(m.Value!).Split(',')[2]).Order());
        Assert.All(replays, m => Assert.Equal("Emma", Encoding.UTF8.GetString(m.Key!)));
    }

    private static KafkaDeadLetterReplayer Replayer(KafkaIngestionHarness harness) => new(new KafkaStreamOptions
    {
        BootstrapServers = harness.Broker.BootstrapServers,
        Topic = KafkaIngestionHarness.Topic,
        DeadLetterTopic = KafkaIngestionHarness.DeadLetterTopic,
        ConsumerGroup = KafkaIngestionHarness.ConsumerGroup,
    });

    private static async Task ProduceAsync(KafkaIngestionHarness harness, int partition, string key, string value, Headers headers)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = harness.Broker.BootstrapServers, Acks = Acks.All }).Build();
        await producer.ProduceAsync(
            new TopicPartition(KafkaIngestionHarness.Topic, partition),
            new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(value), Headers = headers });
    }

    /// <summary>Every record of one partition of the incoming topic, in order.</summary>
    private static List<Message<byte[]?, byte[]?>> ReadIncoming(KafkaIngestionHarness harness, int partition)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = harness.Broker.BootstrapServers,
            GroupId = "incoming-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(KafkaIngestionHarness.Topic, partition, Offset.Beginning));
        var messages = new List<Message<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            switch (consumer.Consume(TimeSpan.FromMilliseconds(200)))
            {
                case { IsPartitionEOF: true }:
                    return messages;
                case { } result:
                    messages.Add(result.Message);
                    break;
            }
        }

        throw new TimeoutException($"Partition {partition} of the incoming topic was not read to its end within {Patience}.");
    }

    private static long[] IncomingEnds(KafkaIngestionHarness harness)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = harness.Broker.BootstrapServers, GroupId = "ends" }).Build();
        return [.. Enumerable.Range(0, KafkaIngestionHarness.Partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(KafkaIngestionHarness.Topic, p), TimeSpan.FromSeconds(10)).High.Value)];
    }

    private static string Header(Message<byte[]?, byte[]?> message, string name) =>
        message.Headers is { } headers && headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : "";

    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        Eventually.UntilAsync(condition, Patience, what, TimeSpan.FromMilliseconds(100));
}

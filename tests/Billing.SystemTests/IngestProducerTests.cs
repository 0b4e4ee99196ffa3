using System.Diagnostics;
using Billing.Events;
using Billing.Grains.EmbeddedKafka;
using Billing.Records;
using Billing.TestSupport;
using Billing.Web.Ingest;
using Confluent.Kafka;

namespace Billing.SystemTests;

/// <summary>The producer of HTTP ingestion against the embedded broker, and against a port where no Kafka listens.</summary>
public sealed class IngestProducerTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_AreAcknowledged_AndWrittenKeyedByCustomerAsKafkaJsonRecordsTheCodecReadsBackAlike()
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(4));
        BillableEvent[] events =
        [
            new("Emma", EventType.Call, 3.57m, November, "e-1"),
            new("Zoë & Co", EventType.Data, 0.01m, November.AddMinutes(1), "z-1"),
            new("Emma", EventType.Misc, 1_000_000.00m, November.AddMinutes(2), "e-2"),
        ];
        using (var producer = NewProducer(broker.BootstrapServers, TimeSpan.FromSeconds(10)))
        {
            var outcome = await producer.ProduceAsync(events, CancellationToken.None);

            Assert.True(outcome.AllAccepted);
            Assert.Equal(["e-1", "z-1", "e-2"], outcome.Accepted);
            Assert.Null(outcome.Problem);
        }

        var records = ReadAll(broker.BootstrapServers, 3);
        var codec = new BillableEventCodec(new RecordCodecOptions());
        Assert.Equal(
            events.OrderBy(e => e.Id, StringComparer.Ordinal),
            records.Select(r => codec.Decode(r.Message.Key, r.Message.Value).Event!).OrderBy(e => e.Id, StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(codec.Decode(r.Message.Key, r.Message.Value).Event!.Customer, System.Text.Encoding.UTF8.GetString(r.Message.Key)));
        // Keyed by customer: one customer's records share a partition.
        Assert.Single(records.Where(r => r.Message.Key.AsSpan().SequenceEqual("Emma"u8)).Select(r => r.Partition.Value).Distinct());
    }

    [Fact]
    public async Task NoKafkaListening_NothingIsAccepted_AndTheAnswerComesWithinTheTimeOut()
    {
        var closedPort = FreePorts.Take(1)[0];
        using var producer = NewProducer($"127.0.0.1:{closedPort}", TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var outcome = await producer.ProduceAsync([new BillableEvent("Emma", EventType.Call, 1.00m, November, "lost-1"), new BillableEvent("Emma", EventType.Call, 2.00m, November, "lost-2")], CancellationToken.None);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Empty(outcome.Accepted);
        Assert.Equal(["lost-1", "lost-2"], outcome.NotAccepted);
        Assert.NotNull(outcome.Problem);
    }

    [Fact]
    public async Task EventWithoutAnId_IsAMistakeOfTheCaller()
    {
        using var producer = NewProducer("127.0.0.1:1", TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<ArgumentException>(() => producer.ProduceAsync([new BillableEvent("Emma", EventType.Call, 1.00m, November)], CancellationToken.None));
    }

    private static IngestProducer NewProducer(string bootstrapServers, TimeSpan timeout) =>
        new(IngestProducer.ConfigFor(bootstrapServers, [], timeout), EmbeddedKafkaBrokerOptions.DefaultTopic, "EUR", timeout, TimeProvider.System);

    private static List<ConsumeResult<byte[], byte[]>> ReadAll(string bootstrapServers, int count)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "ingest-producer-tests",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(EmbeddedKafkaBrokerOptions.DefaultTopic);
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = Stopwatch.StartNew();
        while (records.Count < count && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                records.Add(record);
            }
        }

        Assert.Equal(count, records.Count);
        return records;
    }
}

using System.Diagnostics;
using Billing.Records;
using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>
/// The baseline: one plain Confluent.Kafka consumer reads every partition, decodes each record with the same
/// codec and sums the amounts. Nothing of Orleans, no grains, no state.
/// </summary>
internal static class RawConsumeBaseline
{
    public static (TimeSpan Elapsed, decimal Total) Run(string bootstrapServers, string topic, int partitions, int count)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "benchmark-baseline",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var codec = new BillableEventCodec(new RecordCodecOptions());
        var total = 0m;
        var read = 0;
        Stopwatch? clock = null;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (read < count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            clock ??= Stopwatch.StartNew();
            var decoded = codec.Decode(result.Message.Key, result.Message.Value);
            total += decoded.Event?.Amount ?? 0m;
            read++;
        }

        if (read < count)
        {
            // The embedded broker keeps a bounded log per partition: a set too large for it loses its oldest
            // records, and every rate measured against it would be wrong.
            throw new InvalidOperationException(
                $"The baseline read {read:N0} of {count:N0} records of {topic}: use more partitions (--partitions) so that each keeps its share.");
        }

        return (clock!.Elapsed, total);
    }
}

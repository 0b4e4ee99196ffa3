using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// The provider's instruments on the meter <c>Billing.Streaming.Kafka</c>: records read, handled (delivered or
/// dead-lettered, i.e. committable), delivered and dead-lettered, failed delivery attempts, the lag of every
/// partition this silo reads, and how many of them wait behind a failing delivery.
/// </summary>
internal sealed class KafkaStreamMetrics
{
    public const string MeterName = "Billing.Streaming.Kafka";

    private readonly Counter<long> recordsRead;
    private readonly Counter<long> recordsHandled;
    private readonly Counter<long> recordsDeadLettered;
    private readonly Counter<long> deliveryFailures;
    private readonly ConcurrentDictionary<(string Topic, int Partition), DeliveredTally> delivered = new();
    private readonly KafkaDeliveryProgress progress;

    public KafkaStreamMetrics(IMeterFactory meterFactory, KafkaDeliveryProgress progress)
    {
        this.progress = progress;
        var meter = meterFactory.Create(MeterName);
        recordsRead = meter.CreateCounter<long>("billing.kafka.records.read", "{record}", "Records read from Kafka");
        recordsHandled = meter.CreateCounter<long>("billing.kafka.records.handled", "{record}",
            "Records delivered to every stream or dead-lettered, so committable");
        recordsDeadLettered = meter.CreateCounter<long>("billing.kafka.records.deadlettered", "{record}",
            "Records written to the dead-letter topic");
        meter.CreateObservableCounter("billing.kafka.records.delivered", ObserveDelivered, "{record}",
            "Records handled by delivery to their streams rather than by dead-lettering");
        deliveryFailures = meter.CreateCounter<long>("billing.kafka.delivery.failures", "{attempt}",
            "Failed attempts to deliver records to a stream's consumer; each is retried");
        meter.CreateObservableGauge("billing.kafka.partition.lag", ObserveLag, "{record}",
            "Records in a partition not yet handled by this silo");
        meter.CreateObservableGauge("billing.kafka.partitions.stalled", ObserveStalled, "{partition}",
            "Partitions this silo reads that wait behind a failing delivery");
    }

    public void RecordsRead(string topic, int partition, int count) =>
        recordsRead.Add(count, Tag("topic", topic), Tag("partition", partition));

    public void RecordsHandled(string topic, int partition, int count)
    {
        recordsHandled.Add(count, Tag("topic", topic), Tag("partition", partition));
        delivered.GetOrAdd((topic, partition), _ => new DeliveredTally()).AddHandled(count);
    }

    public void RecordDeadLettered(string topic, int partition, string reason)
    {
        recordsDeadLettered.Add(1, Tag("topic", topic), Tag("partition", partition), Tag("reason", reason));
        delivered.GetOrAdd((topic, partition), _ => new DeliveredTally()).AddDeadLettered();
    }

    public void DeliveryFailed(string topic, int partition, string error) =>
        deliveryFailures.Add(1, Tag("topic", topic), Tag("partition", partition), Tag("error", error));

    private IEnumerable<Measurement<long>> ObserveDelivered()
    {
        foreach (var ((topic, partition), tally) in delivered)
        {
            yield return new Measurement<long>(tally.Delivered(), Tag("topic", topic), Tag("partition", partition));
        }
    }

    private IEnumerable<Measurement<int>> ObserveStalled() =>
        progress.All.GroupBy(entry => entry.Key.Topic)
            .Select(topic => new Measurement<int>(topic.Count(entry => entry.Value.Stalls.IsStalled), Tag("topic", topic.Key)));

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var ((topic, partition), partitionProgress) in progress.All)
        {
            if (partitionProgress.Lag is { } lag)
            {
                yield return new Measurement<long>(lag, Tag("topic", topic), Tag("partition", partition));
            }
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object value) => new(key, value);

    /// <summary>
    /// Delivered = handled − dead-lettered, per partition. A dead letter is counted when it is written, before the
    /// prefix holding it counts as handled, so the difference can dip for a moment: the counter keeps its highest
    /// value, which the difference reaches again once the prefix is handled, and so never goes backwards.
    /// </summary>
    private sealed class DeliveredTally
    {
        private long handled;
        private long deadLettered;
        private long reported;

        public void AddHandled(int count) => Interlocked.Add(ref handled, count);

        public void AddDeadLettered() => Interlocked.Increment(ref deadLettered);

        public long Delivered()
        {
            var difference = Interlocked.Read(ref handled) - Interlocked.Read(ref deadLettered);
            long current;
            do
            {
                current = Interlocked.Read(ref reported);
                if (difference <= current)
                {
                    return current;
                }
            }
            while (Interlocked.CompareExchange(ref reported, difference, current) != current);

            return difference;
        }
    }
}

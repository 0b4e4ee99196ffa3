using Billing.Events;
using Billing.Records;
using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>Fills the topic with a deterministic event set: both formats, all partitions, many customers.</summary>
internal static class BenchmarkEvents
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    // keyed: the producer's partitioner places each record by its key (the customer), as every Kafka producer
    // does; otherwise records are spread round-robin over the partitions regardless of their customer.
    public static async Task<decimal> ProduceAsync(string bootstrapServers, string topic, int partitions, int count, int customers, bool keyed = true)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 20,
            BatchNumMessages = 10_000,
        }).Build();

        var random = new Random(42);
        var total = 0m;
        var pending = new List<Task>(capacity: 10_000);
        for (var i = 0; i < count; i++)
        {
            var customer = $"customer-{random.Next(customers):D6}";
            var billable = new BillableEvent(
                customer,
                EventTypes.All[random.Next(EventTypes.All.Count)],
                random.Next(1, 10_000) / 100m,
                Start.AddSeconds(random.Next(0, 29 * 24 * 3600)));
            total += billable.Amount;
            var value = i % 2 == 0 ? BillableEventCodec.EncodeCsv(billable) : BillableEventCodec.EncodeJson(billable, "EUR");
            var message = new Message<byte[]?, byte[]?> { Key = BillableEventCodec.EncodeKey(customer), Value = value };
            pending.Add(keyed
                ? producer.ProduceAsync(topic, message)
                : producer.ProduceAsync(new TopicPartition(topic, new Partition(i % partitions)), message));
            if (pending.Count == pending.Capacity)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        return total;
    }
}

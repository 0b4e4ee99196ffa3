using Billing.Events;
using Billing.Records;
using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>
/// Produces the benchmark's billable events: November 2026 usage of customers <c>c000000</c>…, half CSV and half
/// JSON, and keeps what every customer was billed. Every event time lies inside November with more than the
/// allowed lateness to spare, so no month closes while a run lasts.
/// </summary>
internal sealed class LoadProducer : IDisposable
{
    private static readonly DateTimeOffset MonthStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IProducer<byte[]?, byte[]?> producer;
    private readonly string topic;
    private readonly int partitions;
    private readonly bool keyed;
    private readonly Random random = new(42);
    private readonly Lock gate = new();
    private long sent;

    public LoadProducer(string bootstrapServers, string topic, int partitions, bool keyed)
    {
        this.topic = topic;
        this.partitions = partitions;
        this.keyed = keyed;
        producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
            BatchNumMessages = 10_000,
            QueueBufferingMaxMessages = 2_000_000,
        }).Build();
    }

    /// <summary>What each customer has been billed so far, by customer id.</summary>
    public Dictionary<string, decimal> Billed { get; } = new(StringComparer.Ordinal);

    /// <summary>How many records each customer was sent.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public static string Customer(int index) => $"c{index:D6}";

    /// <summary>How many events <paramref name="customer"/> has been sent.</summary>
    public int CountOf(string customer)
    {
        lock (gate)
        {
            return Counts.GetValueOrDefault(customer);
        }
    }

    /// <summary>Produces <paramref name="count"/> events of random customers among the first <paramref name="customers"/>.</summary>
    public async Task ProduceAsync(int count, int customers)
    {
        var pending = new List<Task>(capacity: 10_000);
        var picks = new Random(count ^ customers);
        for (var i = 0; i < count; i++)
        {
            pending.Add(SendAsync(Customer(picks.Next(customers))));
            if (pending.Count == pending.Capacity)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    /// <summary>One event of each of the first <paramref name="customers"/> customers: every one active.</summary>
    public async Task TouchEveryCustomerAsync(int customers)
    {
        await Task.WhenAll(Enumerable.Range(0, customers).Select(index => SendAsync(Customer(index))));
    }

    /// <summary>
    /// Sends one event of <paramref name="customer"/>. Its task completes when Kafka has acknowledged it; the
    /// caller decides whether to wait (pacing does not, so that acknowledgements never slow the rate down).
    /// </summary>
    public Task SendAsync(string customer)
    {
        BillableEvent billable;
        long number;
        lock (gate)
        {
            billable = new BillableEvent(
                customer,
                EventTypes.All[random.Next(EventTypes.All.Count)],
                random.Next(1, 10_000) / 100m,
                MonthStart.AddSeconds(random.Next(0, 27 * 24 * 3600)));
            Billed[customer] = Billed.GetValueOrDefault(customer) + billable.Amount;
            Counts[customer] = Counts.GetValueOrDefault(customer) + 1;
            number = sent++;
        }

        var value = number % 2 == 0 ? BillableEventCodec.EncodeCsv(billable) : BillableEventCodec.EncodeJson(billable, "EUR");
        var message = new Message<byte[]?, byte[]?> { Key = BillableEventCodec.EncodeKey(customer), Value = value };
        return keyed
            ? producer.ProduceAsync(topic, message)
            : producer.ProduceAsync(new TopicPartition(topic, new Partition((int)(number % partitions))), message);
    }

    /// <summary>Waits until every record sent is acknowledged.</summary>
    public void Flush() => producer.Flush(TimeSpan.FromMinutes(2));

    public void Dispose() => producer.Dispose();
}

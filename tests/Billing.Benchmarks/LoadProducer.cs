using Billing.Events;
using Billing.Records;
using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>
/// Produces the benchmark's billable events: November 2026 usage of customers <c>c000000</c>…, half CSV and half
/// JSON (with unique ids), and keeps what every customer was billed. Every event time lies inside November with
/// more than the allowed lateness to spare, so no month closes while a run lasts.
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
    private long failed;

    // Every event sent, by customer: to name the records behind a wrong total.
    private readonly Dictionary<string, List<SentEvent>> sentEvents = new(StringComparer.Ordinal);

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

    /// <summary>How many events have been sent so far (the number the next one gets).</summary>
    public long SentCount
    {
        get
        {
            lock (gate)
            {
                return sent;
            }
        }
    }

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
                MonthStart.AddSeconds(random.Next(0, 27 * 24 * 3600)),
                // JSON records carry an id (CSV has none), so half the events go through de-duplication.
                sent % 2 == 0 ? null : $"b{sent}");
            Billed[customer] = Billed.GetValueOrDefault(customer) + billable.Amount;
            Counts[customer] = Counts.GetValueOrDefault(customer) + 1;
            number = sent++;
        }

        var value = number % 2 == 0 ? BillableEventCodec.EncodeCsv(billable) : BillableEventCodec.EncodeJson(billable, "EUR");
        var message = new Message<byte[]?, byte[]?> { Key = BillableEventCodec.EncodeKey(customer), Value = value };
        var produced = keyed
            ? producer.ProduceAsync(topic, message)
            : producer.ProduceAsync(new TopicPartition(topic, new Partition((int)(number % partitions))), message);
        lock (gate)
        {
            if (!sentEvents.TryGetValue(customer, out var events))
            {
                sentEvents[customer] = events = [];
            }

            events.Add(new SentEvent(number, billable.Amount, produced));
        }

        // Paced sending does not wait for acknowledgements, so a record that never reached the broker (billed
        // here, counted nowhere) is kept count of rather than lost from view.
        produced.ContinueWith(
            static (task, self) => Interlocked.Increment(ref ((LoadProducer)self!).failed),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return produced;
    }

    /// <summary>Records whose production failed: billed above, but never in the topic.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>
    /// The events of <paramref name="customer"/> that may be the ones its total lacks: those whose amount is
    /// exactly the <paramref name="missing"/> amount, with where Kafka put them and when they were sent.
    /// </summary>
    public IEnumerable<string> Suspects(string customer, decimal missing)
    {
        List<SentEvent> events;
        lock (gate)
        {
            events = [.. sentEvents.GetValueOrDefault(customer) ?? []];
        }

        return events
            .Where(sent => sent.Amount == missing && sent.Produced.IsCompletedSuccessfully)
            .Select(sent => $"record #{sent.Number:N0} at partition {sent.Produced.Result.Partition.Value} offset {sent.Produced.Result.Offset.Value}");
    }

    /// <summary>Waits until every record sent is acknowledged (or has failed, which <see cref="Failed"/> counts).</summary>
    public void Flush()
    {
        if (producer.Flush(TimeSpan.FromMinutes(2)) is var waiting and > 0)
        {
            throw new TimeoutException($"{waiting:N0} records were still not acknowledged by the broker after 2 minutes.");
        }
    }

    public void Dispose() => producer.Dispose();
}

/// <summary>One event as sent: its number in the run, its amount, and Kafka's acknowledgement.</summary>
internal sealed record SentEvent(long Number, decimal Amount, Task<DeliveryResult<byte[]?, byte[]?>> Produced);

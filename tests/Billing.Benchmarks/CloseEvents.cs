using Billing.Events;
using Billing.Records;
using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>
/// The month-close event set: a few events per customer in <see cref="Month"/>, spread over every partition,
/// then one clock event per partition past the month's deadline.
/// </summary>
internal static class CloseEvents
{
    public const int EventsPerCustomer = 2;

    /// <summary>The customer of the clock events; its usage falls in the next month, so it gets no invoice of <see cref="Month"/>.</summary>
    public const string ClockCustomer = "close-clock";

    public static readonly Usage.BillingMonth Month = new(2026, 9);

    /// <summary>
    /// Past the month's deadline (end + 3 days of allowed lateness) by more than the 12 h out-of-orderness, so
    /// the partitions' watermarks pass the deadline as soon as these are delivered.
    /// </summary>
    public static readonly DateTimeOffset ClockTime = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);

    public static string Customer(int index) => $"close-{index:D6}";

    /// <summary>Produces the month's events and returns what each customer was billed.</summary>
    public static async Task<Dictionary<string, decimal>> ProduceMonthAsync(string bootstrapServers, string topic, int partitions, int customers)
    {
        using var producer = CreateProducer(bootstrapServers);
        var random = new Random(42);
        var totals = new Dictionary<string, decimal>(customers, StringComparer.Ordinal);
        var pending = new List<Task>(capacity: 10_000);
        var record = 0;
        for (var i = 0; i < customers; i++)
        {
            var customer = Customer(i);
            var total = 0m;
            for (var k = 0; k < EventsPerCustomer; k++, record++)
            {
                var billable = new BillableEvent(
                    customer,
                    EventTypes.All[random.Next(EventTypes.All.Count)],
                    random.Next(1, 10_000) / 100m,
                    Month.Start.AddSeconds(random.Next(0, 30 * 24 * 3600)));
                total += billable.Amount;
                pending.Add(ProduceAsync(producer, topic, record % partitions, billable, record % 2 == 0));
                if (pending.Count == pending.Capacity)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }

            totals.Add(customer, total);
        }

        await Task.WhenAll(pending);
        return totals;
    }

    /// <summary>One clock event on every partition.</summary>
    public static async Task ProduceClockAsync(string bootstrapServers, string topic, int partitions)
    {
        using var producer = CreateProducer(bootstrapServers);
        await Task.WhenAll(Enumerable.Range(0, partitions).Select(partition =>
            ProduceAsync(producer, topic, partition, new BillableEvent(ClockCustomer, EventTypes.All[0], 0.01m, ClockTime), csv: true)));
    }

    private static IProducer<byte[]?, byte[]?> CreateProducer(string bootstrapServers) =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
            BatchNumMessages = 10_000,
        }).Build();

    private static Task ProduceAsync(IProducer<byte[]?, byte[]?> producer, string topic, int partition, BillableEvent billable, bool csv)
    {
        var value = csv ? BillableEventCodec.EncodeCsv(billable) : BillableEventCodec.EncodeJson(billable, "EUR");
        var message = new Message<byte[]?, byte[]?> { Key = BillableEventCodec.EncodeKey(billable.Customer), Value = value };
        return producer.ProduceAsync(new TopicPartition(topic, new Partition(partition)), message);
    }
}

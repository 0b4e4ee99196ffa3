using System.Globalization;
using Billing.Events;
using Billing.Records;
using Confluent.Kafka;

namespace Billing.Web.Ingest;

/// <summary>
/// Produces events accepted over HTTP to the incoming topic, as the silos consume it: keyed by customer, each a
/// record in the Kafka JSON format. One idempotent producer (acks=all) per process, made at the first request
/// and flushed and disposed with the process; a request is answered once Kafka has acknowledged every event of
/// it, refused one, or <c>Billing:Ingest:ProduceTimeout</c> has passed.
/// </summary>
public sealed class IngestProducer : IDisposable
{
    /// <summary>How long disposing waits for records still in flight.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);

    private readonly Lazy<IProducer<byte[], byte[]>> producer;
    private readonly string topic;
    private readonly string currency;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <param name="config">The producer's configuration (see <see cref="ConfigFor"/>).</param>
    /// <param name="topic">The incoming topic (<c>Kafka:Topic</c>).</param>
    /// <param name="currency">The billing currency, written into each record.</param>
    /// <param name="timeout">How long a request waits for Kafka's acknowledgements.</param>
    /// <param name="time">The clock of that time-out.</param>
    /// <param name="logger">Where a request Kafka did not fully acknowledge is logged (event 4300); none when null.</param>
    public IngestProducer(ProducerConfig config, string topic, string currency, TimeSpan timeout, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(currency);
        ArgumentNullException.ThrowIfNull(time);
        this.topic = topic;
        this.currency = currency;
        this.timeout = timeout;
        this.time = time;
        this.logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        producer = new Lazy<IProducer<byte[], byte[]>>(() => new ProducerBuilder<byte[], byte[]>(config).Build(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// An idempotent producer that waits for every in-sync replica (so a retry inside the client never writes a
    /// record twice) and gives a record up after <paramref name="timeout"/>, so that its failure is known by the
    /// time the request is answered. <paramref name="clientProperties"/> (<c>Kafka:ClientProperties</c>, such as
    /// security settings) come first; the settings that make the guarantees win over them.
    /// </summary>
    public static ProducerConfig ConfigFor(string bootstrapServers, IEnumerable<KeyValuePair<string, string>> clientProperties, TimeSpan timeout) =>
        new(new Dictionary<string, string>(clientProperties, StringComparer.Ordinal))
        {
            BootstrapServers = bootstrapServers,
            ClientId = "billing-web-ingest",
            Acks = Acks.All,
            EnableIdempotence = true,
            // A short linger: requests wait for their acknowledgements, and concurrent requests still share batches.
            LingerMs = 2,
            MessageTimeoutMs = (int)Math.Ceiling(timeout.TotalMilliseconds),
            // Back within a second of Kafka's return, rather than librdkafka's 10 s: clients are retrying meanwhile.
            ReconnectBackoffMaxMs = 1_000,
        };

    /// <summary>Produces <paramref name="events"/> (each with an id) and waits for Kafka's word on each.</summary>
    /// <param name="events">Valid events, each with an id.</param>
    /// <param name="cancellationToken">Stops the waiting; what was handed to Kafka is still delivered.</param>
    public async Task<ProduceOutcome> ProduceAsync(IReadOnlyList<BillableEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        // Every id checked before anything is handed to Kafka: a request is produced whole or not at all.
        var ids = events.Select((e, n) => e.Id ?? throw new ArgumentException($"Event {n} has no id.", nameof(events))).ToArray();
        var client = producer.Value;
        var deliveries = new Task[events.Count];
        for (var n = 0; n < events.Count; n++)
        {
            deliveries[n] = Deliver(client, events[n]);
        }

        var outcome = await DeliveryOutcome.CollectAsync(ids, deliveries, timeout, time, cancellationToken).ConfigureAwait(false);
        if (!outcome.AllAccepted)
        {
            IngestLog.NotAcknowledged(logger, outcome.NotAccepted.Count, ids.Length, outcome.Problem!);
        }

        return outcome;
    }

    public void Dispose()
    {
        if (producer.IsValueCreated)
        {
            // What is in flight still gets its chance: the requests waiting for it are answered as the host stops.
            producer.Value.Flush(FlushTimeout);
            producer.Value.Dispose();
        }
    }

    private Task Deliver(IProducer<byte[], byte[]> client, BillableEvent e)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = BillableEventCodec.EncodeKey(e.Customer),
            Value = BillableEventCodec.EncodeJson(e, currency),
        };
        try
        {
            return client.ProduceAsync(topic, message);
        }
        catch (KafkaException ex)
        {
            // Refused before it left this process (a full local queue, a closed producer).
            return Task.FromException(new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"{ex.Error.Code}: {ex.Error.Reason}"), ex));
        }
    }
}

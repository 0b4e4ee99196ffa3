namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// Options of the Kafka persistent stream provider, bound per provider name (the apps bind the <c>Kafka</c>
/// configuration section). Every default is the one documented here.
/// </summary>
public sealed class KafkaStreamOptions
{
    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port…]</c>. Required.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The topic read; one stream queue per partition. Default <c>billableevents.incoming</c>.</summary>
    public string Topic { get; set; } = "billableevents.incoming";

    /// <summary>Where records the mapper rejects go, with the reason in a header. Default <c>billableevents.deadletter</c>.</summary>
    public string DeadLetterTopic { get; set; } = "billableevents.deadletter";

    /// <summary>The consumer group under which offsets are committed. Default <c>billing</c>.</summary>
    public string ConsumerGroup { get; set; } = "billing";

    /// <summary>
    /// At most this many records are read per poll of one partition; they become one batch container per
    /// stream. A poll only takes what the client has already fetched, so polls are small (and latency low)
    /// under light load and large (so containers are large and grain calls few) under heavy load. A poll also
    /// stops where the queue cache is full. Default 4,096.
    /// </summary>
    public int MaxRecordsPerPoll { get; set; } = 4_096;

    /// <summary>
    /// How long a partition's reader waits after a poll that did not fill <see cref="MaxRecordsPerPoll"/> before
    /// it polls again: records gather meanwhile, so polls and deliveries carry more under steady traffic,
    /// and the pulling agent delivers instead of reading a few records at a time. It adds at most this much
    /// to the time from a record's arrival to its delivery. Default 20 ms.
    /// </summary>
    public TimeSpan PollLinger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Items the queue cache of one partition holds (a record routed to two streams is two items). The cache is
    /// the back-pressure point: when slow consumers leave it full, the partition is not read until they catch
    /// up, and the records wait in Kafka instead of in the silo's memory. Default 16,384.
    /// </summary>
    public int CacheSize { get; set; } = 16_384;

    /// <summary>
    /// At most this many records go to a stream's consumer in one delivery. Everything a stream has pending
    /// when its consumer is ready goes in one delivery up to this size, so deliveries grow when consumers fall
    /// behind and each call carries more. Default 8,192.
    /// </summary>
    public int MaxItemsPerDelivery { get; set; } = 8_192;

    /// <summary>
    /// At most this many hand-shakes and deliveries of this provider are in flight at once in one silo; the
    /// others wait, in order, without their response time-out running. It bounds the grain activations that
    /// ingestion starts at once (a cold start of many new customers queues instead of timing out), and what
    /// waits for them in memory. Default 1,024.
    /// </summary>
    public int MaxConcurrentDeliveries { get; set; } = 1_024;

    /// <summary>
    /// First wait before a failed delivery is attempted again; the wait doubles with each failed attempt up to
    /// <see cref="DeliveryRetryMaxDelay"/>. A delivery is retried until it succeeds: never dead-lettered on a
    /// timer. Default 200 ms.
    /// </summary>
    public TimeSpan DeliveryRetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts of a failed delivery. Default 30 s.</summary>
    public TimeSpan DeliveryRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the delivered prefix of each partition is committed to Kafka. Default 1 s.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long start-up waits for the topic's metadata before it fails. Default 30 s.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First back-off after a failed dead-letter write; it doubles up to 30 s. Default 500 ms.</summary>
    public TimeSpan DeadLetterRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Extra librdkafka properties for every client the provider makes (for example <c>security.protocol</c>
    /// or <c>sasl.password</c>). They may hold secrets and are never logged.
    /// </summary>
    [Redact]
    public IDictionary<string, string> ClientProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

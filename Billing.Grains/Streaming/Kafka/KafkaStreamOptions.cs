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
    /// under light load and large (so containers are large and grain calls few) under heavy load.
    /// Default 16,384.
    /// </summary>
    public int MaxRecordsPerPoll { get; set; } = 16_384;

    /// <summary>
    /// Batch containers the queue cache of one partition holds. The cache is the back-pressure point: when
    /// slow consumers leave it full, the partition is not read until they catch up. Default 65,536.
    /// </summary>
    public int CacheSize { get; set; } = 65_536;

    /// <summary>
    /// At most this many records go to a stream's consumer in one delivery. Everything a stream has pending
    /// when its consumer is ready goes in one delivery up to this size, so deliveries grow when consumers fall
    /// behind and each call carries more. Default 8,192.
    /// </summary>
    public int MaxItemsPerDelivery { get; set; } = 8_192;

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

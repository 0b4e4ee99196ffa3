namespace Billing.Grains.EmbeddedKafka;

/// <summary>What <see cref="EmbeddedKafkaBroker.Start"/> builds.</summary>
public sealed class EmbeddedKafkaBrokerOptions
{
    /// <summary>Default partition count of the billing topics, as <c>Kafka:Partitions</c>.</summary>
    public const int DefaultPartitions = 8;

    /// <summary>Default incoming topic, as <c>Kafka:Topic</c>.</summary>
    public const string DefaultTopic = "billableevents.incoming";

    /// <summary>Default dead-letter topic, as <c>Kafka:DeadLetterTopic</c>.</summary>
    public const string DefaultDeadLetterTopic = "billableevents.deadletter";

    /// <summary>Number of brokers, with ids 1 to <see cref="BrokerCount"/>. Default 1.</summary>
    public int BrokerCount { get; set; } = 1;

    /// <summary>
    /// Topics created at start. Default none. A topic that is not created here or with
    /// <see cref="EmbeddedKafkaBroker.CreateTopic"/> is auto-created on first use with 4 partitions.
    /// </summary>
    public IList<EmbeddedKafkaTopic> Topics { get; } = [];

    /// <summary>
    /// A listener beyond loopback, for a broker that clients in other containers use. Default none: the broker
    /// is reachable from this machine only. Needs <see cref="BrokerCount"/> 1.
    /// </summary>
    public EmbeddedKafkaExternalListener? ExternalListener { get; set; }

    /// <summary>
    /// One broker with the billing topic and its dead-letter topic, both with <paramref name="partitions"/> partitions,
    /// on loopback only unless <paramref name="externalListener"/> is given.
    /// </summary>
    public static EmbeddedKafkaBrokerOptions ForBilling(
        int partitions = DefaultPartitions,
        string topic = DefaultTopic,
        string deadLetterTopic = DefaultDeadLetterTopic,
        EmbeddedKafkaExternalListener? externalListener = null) =>
        new()
        {
            ExternalListener = externalListener,
            Topics =
            {
                new EmbeddedKafkaTopic(topic, partitions),
                new EmbeddedKafkaTopic(deadLetterTopic, partitions),
            },
        };
}

namespace Billing.Grains.EmbeddedKafka.Internal;

/// <summary>
/// Checks arguments before they reach librdkafka: the mock cluster asserts (aborting the process) or misbehaves
/// on values a real broker would reject, such as zero partitions.
/// </summary>
internal static class EmbeddedKafkaBrokerOptionsValidator
{
    // Kafka's own limit; longer names cannot be used as log directory names.
    private const int MaxTopicNameLength = 249;

    public static void Validate(EmbeddedKafkaBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateBrokerCount(options.BrokerCount);

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in options.Topics)
        {
            ArgumentNullException.ThrowIfNull(topic, nameof(options.Topics));
            ValidateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor, options.BrokerCount);
            if (!names.Add(topic.Name))
            {
                throw new ArgumentException($"Topic '{topic.Name}' is listed twice.", nameof(options));
            }
        }

        if (options.ExternalListener is { } listener)
        {
            ValidateExternalListener(listener, options.BrokerCount);
        }
    }

    private static void ValidateExternalListener(EmbeddedKafkaExternalListener listener, int brokerCount)
    {
        ArgumentNullException.ThrowIfNull(listener.Bind, nameof(EmbeddedKafkaExternalListener.Bind));
        ArgumentException.ThrowIfNullOrWhiteSpace(listener.AdvertisedHost, nameof(EmbeddedKafkaExternalListener.AdvertisedHost));
        if (listener.AdvertisedHost.Any(c => char.IsWhiteSpace(c) || c is ',' or '/'))
        {
            throw new ArgumentException(
                $"'{listener.AdvertisedHost}' is not a host name or address.", nameof(EmbeddedKafkaExternalListener.AdvertisedHost));
        }

        if (brokerCount != 1)
        {
            // One relay port per broker would be needed, and nothing asks for more than one broker outside tests.
            throw new ArgumentOutOfRangeException(
                nameof(EmbeddedKafkaBrokerOptions.BrokerCount), brokerCount, "An external listener needs exactly one broker.");
        }
    }

    public static void ValidateBrokerCount(int brokerCount) =>
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1, nameof(EmbeddedKafkaBrokerOptions.BrokerCount));

    public static void ValidateTopic(string name, int partitions, int replicationFactor, int brokerCount)
    {
        ValidateTopicName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1, nameof(partitions));
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1, nameof(replicationFactor));
        if (replicationFactor > brokerCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(replicationFactor),
                replicationFactor,
                $"Topic '{name}' asks for replication factor {replicationFactor} but the broker has only {brokerCount} broker(s).");
        }
    }

    public static void ValidateTopicName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, "topic");
        if (name.Length > MaxTopicNameLength || name is "." or ".." || !name.All(IsLegalTopicChar))
        {
            throw new ArgumentException(
                $"'{name}' is not a legal Kafka topic name: use up to {MaxTopicNameLength} of a-z, A-Z, 0-9, '.', '_', '-'.",
                "topic");
        }
    }

    private static bool IsLegalTopicChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}

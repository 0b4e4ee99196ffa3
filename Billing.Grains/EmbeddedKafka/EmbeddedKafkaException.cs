using KafkaErrorCode = Confluent.Kafka.ErrorCode;

namespace Billing.Grains.EmbeddedKafka;

/// <summary>The embedded broker could not carry out a request; <see cref="ErrorCode"/> is librdkafka's answer.</summary>
public sealed class EmbeddedKafkaException : Exception
{
    public EmbeddedKafkaException()
    {
    }

    public EmbeddedKafkaException(string message)
        : base(message)
    {
    }

    public EmbeddedKafkaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmbeddedKafkaException(string message, KafkaErrorCode errorCode)
        : base(message) => ErrorCode = errorCode;

    /// <summary>The librdkafka error code (the same numbering as Confluent.Kafka's), when librdkafka gave one.</summary>
    public KafkaErrorCode? ErrorCode { get; }
}

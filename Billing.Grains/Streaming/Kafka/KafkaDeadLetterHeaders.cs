namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// Headers the provider adds to a dead-lettered record. Its key, value and original headers are kept as they were.
/// </summary>
public static class KafkaDeadLetterHeaders
{
    /// <summary>A short stable code for why the record was dead-lettered, e.g. <c>unknown-type</c> or <c>delivery-failed</c>.</summary>
    public const string Reason = "deadletter.reason";

    /// <summary>A human-readable explanation of the reason.</summary>
    public const string Detail = "deadletter.detail";

    /// <summary>The topic the record was read from.</summary>
    public const string SourceTopic = "deadletter.source.topic";

    /// <summary>The partition the record was read from (decimal text).</summary>
    public const string SourcePartition = "deadletter.source.partition";

    /// <summary>The offset of the record in its partition (decimal text).</summary>
    public const string SourceOffset = "deadletter.source.offset";

    /// <summary>
    /// Carried by a record that was replayed from the dead-letter topic (<c>Billing.Silo deadletters replay</c>):
    /// where the record was first read from the incoming topic, as <c>partition/offset</c> in decimal text
    /// (<see cref="KafkaRecordOrigin"/>). A replay that is rejected again keeps it as it was, so it always names
    /// the first read, never a replay's; consumers may take it as the record's identity.
    /// </summary>
    public const string Origin = "deadletter.origin";

    /// <summary>
    /// The code used when an operator skipped a delivery that kept failing
    /// (<see cref="KafkaDeliveryProgress.OrderSkip"/>); the record itself may be valid.
    /// </summary>
    public const string SkippedByOperatorReason = "skipped-by-operator";

    /// <summary>The code used when the record mapper threw.</summary>
    public const string MapperFailedReason = "mapper-failed";
}

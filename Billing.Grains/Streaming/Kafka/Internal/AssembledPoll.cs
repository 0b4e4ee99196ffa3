namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>What one poll of a partition yields: containers for the cache, records to dead-letter, and their slice.</summary>
internal sealed record AssembledPoll(
    IReadOnlyList<KafkaBatchContainer> Containers,
    IReadOnlyList<RejectedRecord> Rejected,
    DeliverySlice? Slice)
{
    public static AssembledPoll Empty { get; } = new([], [], null);
}

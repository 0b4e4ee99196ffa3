namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// A partition waiting behind a delivery that keeps failing: its committed offset stays before
/// <see cref="FirstOffset"/> until the delivery succeeds (or an operator skips it), however long that takes.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="StreamId">The stream whose consumer does not take the records.</param>
/// <param name="FirstOffset">The offset of the first record of the failing delivery: what an operator names to skip it.</param>
/// <param name="RecordCount">How many records the failing delivery carries.</param>
/// <param name="Since">When its first attempt failed.</param>
/// <param name="Attempts">How many attempts have failed so far.</param>
/// <param name="LastError">Why the last attempt failed: the exception's type and message.</param>
/// <param name="FailingDeliveries">How many deliveries of the partition are failing now, this one included.</param>
/// <param name="SkipOrdered">An operator ordered this delivery skipped; the next attempt dead-letters its records instead.</param>
public sealed record KafkaDeliveryStall(
    int Partition,
    string StreamId,
    long FirstOffset,
    int RecordCount,
    DateTimeOffset Since,
    int Attempts,
    string LastError,
    int FailingDeliveries,
    bool SkipOrdered);

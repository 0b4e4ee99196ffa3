namespace Billing.Streams;

/// <summary>
/// A partition of the incoming topic waiting behind a delivery that keeps failing. Its records are retried
/// until they go through (never dead-lettered on a timer); the partition's committed offset waits before
/// <see cref="FirstOffset"/> meanwhile.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="StreamId">The stream whose consumer does not take the records, such as <c>customer/Emma</c>.</param>
/// <param name="FirstOffset">The offset of the first record of the failing delivery: what an operator names to skip it.</param>
/// <param name="RecordCount">How many records the failing delivery carries.</param>
/// <param name="Since">When its first attempt failed.</param>
/// <param name="Attempts">How many attempts have failed so far.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="SkipOrdered">An operator ordered the delivery skipped; its next attempt dead-letters the records instead.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.delivery-stall")]
public sealed record DeliveryStall(
    [property: Id(0)] int Partition,
    [property: Id(1)] string StreamId,
    [property: Id(2)] long FirstOffset,
    [property: Id(3)] int RecordCount,
    [property: Id(4)] DateTimeOffset Since,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string LastError,
    [property: Id(7)] bool SkipOrdered);

namespace Billing.Events;

/// <summary>
/// A billable event as a stream delivers it to a grain, with the Kafka position it was read from.
/// </summary>
/// <remarks>
/// Delivery is at-least-once: after a crash the same record can arrive again. A consumer makes its effect
/// exactly-once by remembering, per <see cref="Partition"/>, the offsets it has applied, in the same storage
/// write as the state they changed, and skipping what it has already applied.
/// </remarks>
/// <param name="Event">The validated event.</param>
/// <param name="Partition">The Kafka partition the record was read from.</param>
/// <param name="Offset">The record's offset within <paramref name="Partition"/>.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.ingested-event")]
public sealed record IngestedEvent(
    [property: Id(0)] BillableEvent Event,
    [property: Id(1)] int Partition,
    [property: Id(2)] long Offset);

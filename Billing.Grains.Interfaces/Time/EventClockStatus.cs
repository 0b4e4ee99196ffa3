namespace Billing.Time;

/// <summary>The deployment's event time: the global watermark and what it is made of.</summary>
/// <param name="Watermark">The global watermark, or null until every partition has reported; never moves back.</param>
/// <param name="PartitionCount">How many partitions the topic has, or 0 while unknown.</param>
/// <param name="Partitions">Every partition reported so far, in partition order.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.event-clock-status")]
public sealed record EventClockStatus(
    [property: Id(0)] DateTimeOffset? Watermark,
    [property: Id(1)] int PartitionCount,
    [property: Id(2)] IReadOnlyList<PartitionWatermark> Partitions);

namespace Billing.Grains.Time;

/// <summary>What the event clock persists: every partition's progress and the global watermark.</summary>
[GenerateSerializer]
[Alias("billing.event-clock-state")]
public sealed class EventClockState
{
    [Id(0)]
    public Dictionary<int, PartitionClock> Partitions { get; init; } = [];

    [Id(1)]
    public int PartitionCount { get; set; }

    /// <summary>The global watermark; only moves forward.</summary>
    [Id(2)]
    public DateTimeOffset? Watermark { get; set; }
}

namespace Billing.Grains.Time;

/// <summary>One partition's event-time progress, as the event clock persists it.</summary>
[GenerateSerializer]
[Alias("billing.partition-clock")]
public sealed class PartitionClock
{
    /// <summary>The latest event time ever delivered from the partition; only moves forward.</summary>
    [Id(0)]
    public DateTimeOffset? LatestDeliveredEventTime { get; set; }

    [Id(1)]
    public bool Idle { get; set; }

    /// <summary>When a silo last reported the partition (wall clock), to judge how old its idleness is.</summary>
    [Id(2)]
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>
    /// When <see cref="LatestDeliveredEventTime"/> last moved forward, on the processing clock; null in state
    /// written before it was kept, until the partition's next report.
    /// </summary>
    [Id(3)]
    public DateTimeOffset? LatestMovedAt { get; set; }
}

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

    [Id(2)]
    public DateTimeOffset ReportedAt { get; set; }
}

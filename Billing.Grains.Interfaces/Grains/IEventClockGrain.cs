using Orleans.Concurrency;
using Billing.Time;

namespace Billing.Grains;

/// <summary>
/// The deployment's event-time clock (key 0): silos report the delivered prefix of the partitions they read,
/// and it keeps the global watermark, persisted and never moving back.
/// </summary>
public interface IEventClockGrain : IGrainWithIntegerKey
{
    /// <summary>Takes a silo's reports on the partitions it reads; <paramref name="partitionCount"/> is the topic's.</summary>
    Task ReportAsync(int partitionCount, IReadOnlyList<PartitionReport> reports);

    /// <summary>The global watermark and the partitions' progress.</summary>
    [ReadOnly]
    Task<EventClockStatus> GetStatusAsync();
}

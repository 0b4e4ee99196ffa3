using Billing.Grains.Domain;
using Billing.Grains.Hosting;
using Billing.Time;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Time;

/// <summary>
/// Keeps the deployment's event time. The global watermark is persisted before anyone can read it, so it never
/// moves back, also across restarts; partitions' progress is persisted with it, and at least every few seconds.
/// When the watermark closes a month, it tells every shard of the customer directory, which close the month
/// for their customers.
/// </summary>
public sealed class EventClockGrain(
    [PersistentState("event-clock", BillingStorage.Name)] IPersistentState<EventClockState> state,
    IOptions<BillingOptions> options,
    TimeProvider time,
    IProcessingClock processingClock)
    : Grain, IEventClockGrain
{
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(5);

    // Each silo reports its partitions once per interval; five missed reports mean it is gone or stalled.
    private const int ReportsBeforeIdlenessIsStale = 5;

    private readonly TimeSpan maxOutOfOrderness = options.Value.MaxOutOfOrderness;
    private readonly TimeSpan allowedLateness = options.Value.AllowedLateness;
    private readonly WatermarkRules rules = new(
        options.Value.MaxOutOfOrderness,
        options.Value.WatermarkInterval * ReportsBeforeIdlenessIsStale,
        options.Value.MaxPartitionLead);
    private DateTimeOffset lastWrite = DateTimeOffset.MinValue;

    public async Task ReportAsync(int partitionCount, IReadOnlyList<PartitionReport> reports)
    {
        var now = time.GetUtcNow();
        var processingNow = processingClock.GetUtcNow();
        var closedBefore = MonthClosing.ClosedThrough(state.State.Watermark, allowedLateness);
        EventClock.Record(state.State, partitionCount, reports, now, processingNow);
        var advanced = EventClock.TryAdvance(state.State, rules, now, processingNow);
        if (advanced || now - lastWrite >= ProgressWriteInterval)
        {
            await state.WriteOrDeactivateAsync(GrainContext);
            lastWrite = now;
        }

        // Only once the watermark is stored: a month is never closed on a watermark that could be lost.
        if (advanced && state.State.Watermark is { } watermark && MonthClosing.ClosedThrough(watermark, allowedLateness) != closedBefore)
        {
            foreach (var shard in CustomerDirectory.Shards(GrainFactory))
            {
                // The shards answer at once and close in the background; one that misses this closes at its reminder.
                shard.CloseDueAsync(watermark).Ignore();
            }
        }
    }

    public Task<EventClockStatus> GetStatusAsync() => Task.FromResult(EventClock.Describe(state.State, maxOutOfOrderness));
}

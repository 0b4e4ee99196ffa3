using Billing.Time;

namespace Billing.Grains.Time;

/// <summary>
/// The watermark rules. A partition's watermark is the latest event time of its delivered prefix minus the
/// maximum out-of-orderness. The global watermark is the minimum over the partitions that are not idle
/// (every partition of the topic must have reported once), or, when all are idle, the maximum: nothing is in
/// flight anywhere then. It never moves back. Idleness is believed only while it is fresh: a partition whose
/// last report (idle) is older than the given lifetime holds the watermark like an active one, since the silo
/// that read it may have died and records may be waiting unread until its next reader reports.
/// </summary>
public static class EventClock
{
    /// <summary>Merges a silo's reports: event times only move forward; idleness is the latest word.</summary>
    public static void Record(EventClockState state, int partitionCount, IEnumerable<PartitionReport> reports, DateTimeOffset now)
    {
        if (partitionCount > 0)
        {
            state.PartitionCount = partitionCount;
        }

        foreach (var report in reports)
        {
            if (!state.Partitions.TryGetValue(report.Partition, out var partition))
            {
                partition = new PartitionClock();
                state.Partitions.Add(report.Partition, partition);
            }

            if (report.LatestDeliveredEventTime is { } reported && !(reported <= partition.LatestDeliveredEventTime))
            {
                partition.LatestDeliveredEventTime = reported;
            }

            partition.Idle = report.Idle;
            partition.ReportedAt = now;
        }
    }

    /// <summary>Moves the global watermark forward if the partitions allow it.</summary>
    /// <param name="state">The partitions' progress and the watermark so far.</param>
    /// <param name="maxOutOfOrderness">How far a partition's watermark trails its latest delivered event time.</param>
    /// <param name="now">The wall-clock time, to judge how old each report is.</param>
    /// <param name="idleReportLifetime">How long after its report a partition's idleness is still believed.</param>
    /// <returns>True when it moved.</returns>
    public static bool TryAdvance(EventClockState state, TimeSpan maxOutOfOrderness, DateTimeOffset now, TimeSpan idleReportLifetime)
    {
        if (Candidate(state, maxOutOfOrderness, now, idleReportLifetime) is not { } candidate || candidate <= state.Watermark)
        {
            return false;
        }

        state.Watermark = candidate;
        return true;
    }

    public static EventClockStatus Describe(EventClockState state, TimeSpan maxOutOfOrderness) => new(
        state.Watermark,
        state.PartitionCount,
        [.. state.Partitions.OrderBy(entry => entry.Key).Select(entry => new PartitionWatermark(
            entry.Key,
            entry.Value.LatestDeliveredEventTime,
            WatermarkOf(entry.Value, maxOutOfOrderness),
            entry.Value.Idle,
            entry.Value.ReportedAt))]);

    private static DateTimeOffset? Candidate(EventClockState state, TimeSpan maxOutOfOrderness, DateTimeOffset now, TimeSpan idleReportLifetime)
    {
        if (state.PartitionCount == 0 || Enumerable.Range(0, state.PartitionCount).Any(p => !state.Partitions.ContainsKey(p)))
        {
            return null;
        }

        var partitions = Enumerable.Range(0, state.PartitionCount).Select(p => state.Partitions[p]).ToList();
        var active = partitions.Where(p => !p.Idle || now - p.ReportedAt > idleReportLifetime).ToList();
        if (active.Count == 0)
        {
            return partitions.Select(p => WatermarkOf(p, maxOutOfOrderness)).Max();
        }

        // An active partition that has delivered nothing yet holds everything back.
        return active.Any(p => p.LatestDeliveredEventTime is null)
            ? null
            : active.Min(p => WatermarkOf(p, maxOutOfOrderness));
    }

    private static DateTimeOffset? WatermarkOf(PartitionClock partition, TimeSpan maxOutOfOrderness) =>
        partition.LatestDeliveredEventTime is { } latest && latest - DateTimeOffset.MinValue > maxOutOfOrderness
            ? latest - maxOutOfOrderness
            : null;
}

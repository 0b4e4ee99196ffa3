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
/// <remarks>
/// On top of that, no single partition carries the global watermark far past the others' data: it may lead by
/// at most <see cref="WatermarkRules.MaxPartitionLead"/> past the runner-up partition's latest event time, which
/// is taken to move on with the processing clock from the moment it last moved (a quiet partition of a live
/// system is as current as the clock). Idle partitions therefore still let months close at the pace of the
/// processing clock, but one partition's records (a producer's wrong clock, or a replay faster than real time)
/// cannot jump the watermark ahead of everything the rest of the topic has said. With data on only one
/// partition there is nothing to compare with, and only the plausibility of each record guards it.
/// </remarks>
public static class EventClock
{
    /// <summary>Merges a silo's reports: event times only move forward; idleness is the latest word.</summary>
    /// <param name="state">The partitions' progress so far.</param>
    /// <param name="partitionCount">The topic's partition count, or 0 when the reporter does not know it.</param>
    /// <param name="reports">One report per partition the silo reads.</param>
    /// <param name="now">The wall-clock time, to judge later how old each report is.</param>
    /// <param name="processingNow">The processing clock, to know when each partition's event time last moved.</param>
    public static void Record(EventClockState state, int partitionCount, IEnumerable<PartitionReport> reports, DateTimeOffset now, DateTimeOffset processingNow)
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
                partition.LatestMovedAt = processingNow;
            }

            partition.LatestMovedAt ??= processingNow;
            partition.Idle = report.Idle;
            partition.ReportedAt = now;
        }
    }

    /// <summary>Moves the global watermark forward if the partitions allow it.</summary>
    /// <param name="state">The partitions' progress and the watermark so far.</param>
    /// <param name="rules">The out-of-orderness, how long idleness is believed, and the lead one partition may take.</param>
    /// <param name="now">The wall-clock time, to judge how old each report is.</param>
    /// <param name="processingNow">The processing clock, to age the runner-up partition's event time.</param>
    /// <returns>True when it moved.</returns>
    public static bool TryAdvance(EventClockState state, WatermarkRules rules, DateTimeOffset now, DateTimeOffset processingNow)
    {
        if (Candidate(state, rules, now, processingNow) is not { } candidate || candidate <= state.Watermark)
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

    private static DateTimeOffset? Candidate(EventClockState state, WatermarkRules rules, DateTimeOffset now, DateTimeOffset processingNow)
    {
        if (state.PartitionCount == 0 || Enumerable.Range(0, state.PartitionCount).Any(p => !state.Partitions.ContainsKey(p)))
        {
            return null;
        }

        var partitions = Enumerable.Range(0, state.PartitionCount).Select(p => state.Partitions[p]).ToList();
        var active = partitions.Where(p => !p.Idle || now - p.ReportedAt > rules.IdleReportLifetime).ToList();
        DateTimeOffset? candidate;
        if (active.Count == 0)
        {
            candidate = partitions.Select(p => WatermarkOf(p, rules.MaxOutOfOrderness)).Max();
        }
        else
        {
            // An active partition that has delivered nothing yet holds everything back.
            candidate = active.Any(p => p.LatestDeliveredEventTime is null)
                ? null
                : active.Min(p => WatermarkOf(p, rules.MaxOutOfOrderness));
        }

        return candidate is { } mark && LeadLimit(partitions, rules, processingNow) is { } limit && limit < mark ? limit : candidate;
    }

    /// <summary>
    /// The furthest the global watermark may go on the leading partition's word alone: the runner-up partition's
    /// latest event time, moved on by the processing time since it last moved, plus the allowed lead, minus the
    /// out-of-orderness. Null when fewer than two partitions have delivered anything.
    /// </summary>
    private static DateTimeOffset? LeadLimit(List<PartitionClock> partitions, WatermarkRules rules, DateTimeOffset processingNow)
    {
        var delivered = partitions.Where(p => p.LatestDeliveredEventTime is not null).ToList();
        if (delivered.Count < 2)
        {
            return null;
        }

        var leader = delivered.MaxBy(p => p.LatestDeliveredEventTime!.Value)!;
        var runnerUp = delivered.Where(p => !ReferenceEquals(p, leader)).Max(p => Support(p, processingNow));
        return Plus(runnerUp, rules.MaxPartitionLead - rules.MaxOutOfOrderness);
    }

    /// <summary>Where a partition's event time may be by now: its latest, moved on with the processing clock since.</summary>
    private static DateTimeOffset Support(PartitionClock partition, DateTimeOffset processingNow)
    {
        var quiet = processingNow - (partition.LatestMovedAt ?? processingNow);
        return Plus(partition.LatestDeliveredEventTime!.Value, quiet > TimeSpan.Zero ? quiet : TimeSpan.Zero);
    }

    /// <summary><paramref name="time"/> + <paramref name="span"/>, held within the range of <see cref="DateTimeOffset"/>.</summary>
    private static DateTimeOffset Plus(DateTimeOffset time, TimeSpan span) =>
        span >= TimeSpan.Zero
            ? (DateTimeOffset.MaxValue - time < span ? DateTimeOffset.MaxValue : time + span)
            : (time - DateTimeOffset.MinValue < -span ? DateTimeOffset.MinValue : time + span);

    private static DateTimeOffset? WatermarkOf(PartitionClock partition, TimeSpan maxOutOfOrderness) =>
        partition.LatestDeliveredEventTime is { } latest && latest - DateTimeOffset.MinValue > maxOutOfOrderness
            ? latest - maxOutOfOrderness
            : null;
}

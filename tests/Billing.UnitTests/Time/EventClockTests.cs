using Billing.Grains.Time;
using Billing.Time;

namespace Billing.UnitTests.Time;

public sealed class EventClockTests
{
    private static readonly TimeSpan TwelveHours = TimeSpan.FromHours(12);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day1 = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(5);
    private static readonly WatermarkRules Rules = new(TwelveHours, IdleLifetime, MaxPartitionLead: OneDay);

    [Fact]
    public void TryAdvance_AllPartitionsActive_IsTheSlowestMinusTheOutOfOrderness()
    {
        var state = new EventClockState();
        Record(state, 2, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(3))]);

        Assert.True(TryAdvance(state));
        Assert.Equal(Day1.AddDays(3) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_APartitionNeverReported_HoldsTheWatermark()
    {
        var state = new EventClockState();
        Record(state, 3, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(3))]);

        Assert.False(TryAdvance(state));
        Assert.Null(state.Watermark);
    }

    [Fact]
    public void TryAdvance_ActivePartitionWithoutDeliveredTime_HoldsTheWatermark()
    {
        var state = new EventClockState();
        Record(state, 2, [Report(0, Day1.AddDays(5)), Report(1, null)]);

        Assert.False(TryAdvance(state));
    }

    [Fact]
    public void TryAdvance_IdlePartition_DoesNotHoldTheOthersBack()
    {
        var state = new EventClockState();
        Record(state, 3, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(4)), Report(2, null, idle: true)]);

        Assert.True(TryAdvance(state));
        Assert.Equal(Day1.AddDays(4) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_IdleReportOlderThanItsLifetime_HoldsTheWatermarkLikeAnActivePartition()
    {
        var state = new EventClockState();
        // Partition 2 was idle when its silo last reported; then that silo went quiet.
        Record(state, 3, [Report(2, Day1.AddDays(1), idle: true)]);
        var later = Now + IdleLifetime + TimeSpan.FromSeconds(1);
        EventClock.Record(state, 3, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(4))], later, Now);

        Assert.True(EventClock.TryAdvance(state, Rules, later, Now));
        Assert.Equal(Day1.AddDays(1) - TwelveHours, state.Watermark);

        // Its new reader reports it idle again: it stops holding the others back.
        EventClock.Record(state, 3, [Report(2, Day1.AddDays(1), idle: true)], later, Now);
        Assert.True(EventClock.TryAdvance(state, Rules, later, Now));
        Assert.Equal(Day1.AddDays(4) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_EveryPartitionIdle_TakesTheLatest()
    {
        var state = new EventClockState();
        Record(state, 2, [Report(0, Day1.AddDays(5), idle: true), Report(1, Day1.AddDays(4), idle: true)]);

        Assert.True(TryAdvance(state));
        Assert.Equal(Day1.AddDays(5) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_IdlePartitionWakesUpBehind_WatermarkNeverMovesBack()
    {
        var state = new EventClockState();
        // Partition 1 went quiet four days ago (processing time), at its day 1.
        EventClock.Record(state, 2, [Report(1, Day1.AddDays(1), idle: true)], Now, Now - TimeSpan.FromDays(4));
        Record(state, 2, [Report(0, Day1.AddDays(5))]);
        TryAdvance(state);
        Assert.Equal(Day1.AddDays(5) - TwelveHours, state.Watermark);

        Record(state, 2, [Report(1, Day1.AddDays(2))]);

        Assert.False(TryAdvance(state));
        Assert.Equal(Day1.AddDays(5) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_OnePartitionAYearAheadOfIdleOthers_IsHeldAtTheRunnerUpPlusTheLead()
    {
        // Eight partitions delivered up to day 10 and went quiet; then one record on partition 3 says a year later.
        var state = new EventClockState();
        Record(state, 8, [.. Enumerable.Range(0, 8).Select(p => Report(p, Day1.AddDays(10).AddMinutes(-p), idle: true))]);
        TryAdvance(state);
        Assert.Equal(Day1.AddDays(10) - TwelveHours, state.Watermark);

        Record(state, 8, [Report(3, Day1.AddDays(375))]);

        // The runner-up (partition 0, day 10) supports at most one day more.
        Assert.True(TryAdvance(state));
        Assert.Equal(Day1.AddDays(10) + OneDay - TwelveHours, state.Watermark);

        // Once partition 3 is idle too, all are idle: the same limit holds instead of the greatest watermark.
        Record(state, 8, [Report(3, Day1.AddDays(375), idle: true)]);
        Assert.False(TryAdvance(state));
        Assert.Equal(Day1.AddDays(10) + OneDay - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_RunnerUpQuietForDays_LeaderGoesAsFarAsTheProcessingClockMovedOn()
    {
        var state = new EventClockState();
        Record(state, 2, [Report(0, Day1.AddDays(10), idle: true), Report(1, Day1.AddDays(10), idle: true)]);
        Record(state, 2, [Report(1, Day1.AddDays(30))]);
        var fiveDaysLater = Now + TimeSpan.FromDays(5);

        // A quiet partition of a live system is as current as the processing clock: five days on, it supports day 15.
        Assert.True(EventClock.TryAdvance(state, Rules, Now, fiveDaysLater));
        Assert.Equal(Day1.AddDays(15) + OneDay - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_OnlyOnePartitionHasData_IsNotHeld()
    {
        // Every record on partition 0 (one customer, say): there is no other partition's data to compare with.
        var state = new EventClockState();
        Record(state, 3, [Report(0, Day1.AddDays(40)), Report(1, null, idle: true), Report(2, null, idle: true)]);

        Assert.True(TryAdvance(state));
        Assert.Equal(Day1.AddDays(40) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_LeaderWithinTheLead_IsNotHeld()
    {
        var state = new EventClockState();
        Record(state, 2, [Report(0, Day1.AddDays(5).AddHours(20)), Report(1, Day1.AddDays(5), idle: true)]);

        Assert.True(TryAdvance(state));
        Assert.Equal(Day1.AddDays(5).AddHours(20) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void Record_OlderTimeAfterARestart_KeepsThePartitionsLatest()
    {
        var state = new EventClockState();
        Record(state, 1, [Report(0, Day1.AddDays(5))]);

        // A restarted receiver reports only what it delivered since: less, or nothing yet.
        EventClock.Record(state, 1, [Report(0, Day1.AddDays(1))], Now.AddMinutes(1), Now.AddMinutes(1));
        EventClock.Record(state, 1, [Report(0, null)], Now.AddMinutes(2), Now.AddMinutes(2));

        var partition = Assert.Single(EventClock.Describe(state, TwelveHours).Partitions);
        Assert.Equal(Day1.AddDays(5), partition.LatestDeliveredEventTime);
        Assert.Equal(Day1.AddDays(5) - TwelveHours, partition.Watermark);
        Assert.Equal(Now.AddMinutes(2), partition.ReportedAt);
        Assert.Equal(Now, state.Partitions[0].LatestMovedAt);
    }

    private static void Record(EventClockState state, int partitionCount, PartitionReport[] reports) =>
        EventClock.Record(state, partitionCount, reports, Now, Now);

    private static bool TryAdvance(EventClockState state) => EventClock.TryAdvance(state, Rules, Now, Now);

    private static PartitionReport Report(int partition, DateTimeOffset? latest, bool idle = false) => new(partition, latest, idle);
}

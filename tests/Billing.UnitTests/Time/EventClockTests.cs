using Billing.Grains.Time;
using Billing.Time;

namespace Billing.UnitTests.Time;

public sealed class EventClockTests
{
    private static readonly TimeSpan TwelveHours = TimeSpan.FromHours(12);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day1 = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(5);

    [Fact]
    public void TryAdvance_AllPartitionsActive_IsTheSlowestMinusTheOutOfOrderness()
    {
        var state = new EventClockState();
        EventClock.Record(state, 2, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(3))], Now);

        Assert.True(EventClock.TryAdvance(state, TwelveHours, Now, IdleLifetime));
        Assert.Equal(Day1.AddDays(3) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_APartitionNeverReported_HoldsTheWatermark()
    {
        var state = new EventClockState();
        EventClock.Record(state, 3, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(3))], Now);

        Assert.False(EventClock.TryAdvance(state, TwelveHours, Now, IdleLifetime));
        Assert.Null(state.Watermark);
    }

    [Fact]
    public void TryAdvance_ActivePartitionWithoutDeliveredTime_HoldsTheWatermark()
    {
        var state = new EventClockState();
        EventClock.Record(state, 2, [Report(0, Day1.AddDays(5)), Report(1, null)], Now);

        Assert.False(EventClock.TryAdvance(state, TwelveHours, Now, IdleLifetime));
    }

    [Fact]
    public void TryAdvance_IdlePartition_DoesNotHoldTheOthersBack()
    {
        var state = new EventClockState();
        EventClock.Record(state, 3, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(4)), Report(2, null, idle: true)], Now);

        Assert.True(EventClock.TryAdvance(state, TwelveHours, Now, IdleLifetime));
        Assert.Equal(Day1.AddDays(4) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_IdleReportOlderThanItsLifetime_HoldsTheWatermarkLikeAnActivePartition()
    {
        var state = new EventClockState();
        // Partition 2 was idle when its silo last reported; then that silo went quiet.
        EventClock.Record(state, 3, [Report(2, Day1.AddDays(1), idle: true)], Now);
        var later = Now + IdleLifetime + TimeSpan.FromSeconds(1);
        EventClock.Record(state, 3, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(4))], later);

        Assert.True(EventClock.TryAdvance(state, TwelveHours, later, IdleLifetime));
        Assert.Equal(Day1.AddDays(1) - TwelveHours, state.Watermark);

        // Its new reader reports it idle again: it stops holding the others back.
        EventClock.Record(state, 3, [Report(2, Day1.AddDays(1), idle: true)], later);
        Assert.True(EventClock.TryAdvance(state, TwelveHours, later, IdleLifetime));
        Assert.Equal(Day1.AddDays(4) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_EveryPartitionIdle_TakesTheLatest()
    {
        var state = new EventClockState();
        EventClock.Record(state, 2, [Report(0, Day1.AddDays(5), idle: true), Report(1, Day1.AddDays(4), idle: true)], Now);

        Assert.True(EventClock.TryAdvance(state, TwelveHours, Now, IdleLifetime));
        Assert.Equal(Day1.AddDays(5) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void TryAdvance_IdlePartitionWakesUpBehind_WatermarkNeverMovesBack()
    {
        var state = new EventClockState();
        EventClock.Record(state, 2, [Report(0, Day1.AddDays(5)), Report(1, Day1.AddDays(1), idle: true)], Now);
        EventClock.TryAdvance(state, TwelveHours, Now, IdleLifetime);

        EventClock.Record(state, 2, [Report(1, Day1.AddDays(2))], Now);

        Assert.False(EventClock.TryAdvance(state, TwelveHours, Now, IdleLifetime));
        Assert.Equal(Day1.AddDays(5) - TwelveHours, state.Watermark);
    }

    [Fact]
    public void Record_OlderTimeAfterARestart_KeepsThePartitionsLatest()
    {
        var state = new EventClockState();
        EventClock.Record(state, 1, [Report(0, Day1.AddDays(5))], Now);

        // A restarted receiver reports only what it delivered since: less, or nothing yet.
        EventClock.Record(state, 1, [Report(0, Day1.AddDays(1))], Now.AddMinutes(1));
        EventClock.Record(state, 1, [Report(0, null)], Now.AddMinutes(2));

        var partition = Assert.Single(EventClock.Describe(state, TwelveHours).Partitions);
        Assert.Equal(Day1.AddDays(5), partition.LatestDeliveredEventTime);
        Assert.Equal(Day1.AddDays(5) - TwelveHours, partition.Watermark);
        Assert.Equal(Now.AddMinutes(2), partition.ReportedAt);
    }

    private static PartitionReport Report(int partition, DateTimeOffset? latest, bool idle = false) => new(partition, latest, idle);
}

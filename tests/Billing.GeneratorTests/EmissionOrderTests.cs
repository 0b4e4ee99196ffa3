using Billing.Generator;
using static Billing.GeneratorTests.ScheduleAssertions;

namespace Billing.GeneratorTests;

public sealed class EmissionOrderTests
{
    private static readonly TimeSpan TwelveHours = TimeSpan.FromHours(12);

    public static TheoryData<int> Seeds => [1, 2, 42, -7, int.MaxValue];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_EmitAtNeverDecreases(int seed)
    {
        var emitAt = new EventSchedule(seed, January2026, 3).Schedule().Select(s => s.EmitAt).ToList();

        Assert.Equal(emitAt.Order().ToList(), emitAt);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_EveryEventIsOnTimeSwappedWithin12HoursOrLateBy13HoursTo2AndAHalfDays(int seed)
    {
        foreach (var s in new EventSchedule(seed, January2026, 3).Schedule())
        {
            var delay = s.EmitAt - s.Event.Time;
            var swapped = delay > -TwelveHours && delay < TwelveHours;
            var late = delay >= TimeSpan.FromHours(13) && delay <= TimeSpan.FromDays(2.5);
            Assert.True(swapped || late, $"{s.Event.Id} is sent {delay} after its time");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_OnTimeEventsOnlyTradePositionsAmongThemselves(int seed)
    {
        // Swapping keeps the set of send positions equal to the set of event times: nothing is invented.
        var onTime = new EventSchedule(seed, January2026, 3).Schedule().Where(s => s.EmitAt - s.Event.Time < TwelveHours).ToList();

        Assert.Equal(onTime.Select(s => s.Event.Time).Order(), onTime.Select(s => s.EmitAt).Order());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_HasLateEventsAndSwappedNeighboursInRoughlyTheirShares(int seed)
    {
        var schedule = new EventSchedule(seed, January2026, 3).Schedule().ToList();
        var late = schedule.Count(s => s.EmitAt - s.Event.Time > TwelveHours);
        var sentEarly = schedule.Count(s => s.EmitAt < s.Event.Time);

        // About 1 in 200 late and about 1 in 20 swapped (0.1 per close pair); generous bounds, never zero.
        Assert.InRange(late, 3, 45);
        Assert.InRange(sentEarly, 40, 400);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_NothingIsSentBeforeTheStartMonthNorAfterTheLastMonthPlusTwoAndAHalfDays(int seed)
    {
        var schedule = new EventSchedule(seed, January2026, 3).Schedule().ToList();

        Assert.All(schedule, s => Assert.InRange(s.EmitAt, January2026, January2026.AddMonths(3).AddDays(2.5)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_SendsEveryPlannedEventExactlyOnce(int seed)
    {
        var planned = Enumerable.Range(0, 3).SelectMany(m => MonthPlan.Generate(seed, January2026.AddMonths(m)));
        var sent = new EventSchedule(seed, January2026, 3).Schedule().Select(s => s.Event);

        Assert.Equal(planned.OrderBy(e => e.Id, StringComparer.Ordinal), sent.OrderBy(e => e.Id, StringComparer.Ordinal));
    }

    [Fact]
    public void Schedule_Endless_StartsExactlyLikeALongFiniteRun()
    {
        // Three months of events are well inside twelve months, away from the finite run's final flush.
        var endless = new EventSchedule(3, January2026, months: null).Schedule().Take(3_000).ToList();
        var finite = new EventSchedule(3, January2026, 12).Schedule().Take(3_000).ToList();

        Assert.Equal(finite, endless);
    }

    [Fact]
    public void Schedule_Endless_KeepsGoingPastTwoYears()
    {
        var last = new EventSchedule(3, January2026, months: null).Schedule().Take(30_000).Last();

        Assert.True(last.EmitAt > January2026.AddYears(2), $"after 30,000 events the schedule is at {last.EmitAt:O}");
    }

    [Fact]
    public void Constructor_ZeroMonths_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new EventSchedule(1, January2026, 0));

        Assert.Equal("months", ex.ParamName);
    }

    [Fact]
    public void From_Options_UsesSeedStartMonthAndMonths()
    {
        var schedule = EventSchedule.From(new GeneratorOptions { Seed = 11, StartMonth = "2027-02", Months = 4 });

        Assert.Equal(11, schedule.Seed);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), schedule.StartMonth);
        Assert.Equal(4, schedule.Months);
    }
}

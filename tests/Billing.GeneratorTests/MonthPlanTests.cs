using Billing.Generator;
using static Billing.GeneratorTests.ScheduleAssertions;

namespace Billing.GeneratorTests;

public sealed class MonthPlanTests
{
    public static TheoryData<int> Seeds => [1, 2, 42, -7, int.MaxValue];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_EveryCustomerMonthAddsUpToItsFixedTotalExactly(int seed)
    {
        var events = new EventSchedule(seed, January2026, 3).Schedule().Select(s => s.Event).ToList();

        AssertExactMonthlyTotals(events, January2026, 3);
        Assert.Equal(2700.00m, events.Sum(e => e.Amount));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_AmountsArePositiveWithTwoDecimals(int seed)
    {
        foreach (var s in new EventSchedule(seed, January2026, 3).Schedule())
        {
            Assert.True(s.Event.Amount >= 0.01m, $"{s.Event.Id}: {s.Event.Amount}");
            Assert.Equal(s.Event.Amount, decimal.Round(s.Event.Amount, 2));
            Assert.Equal(2, s.Event.Amount.Scale);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_EventTimesLieInsideTheThreeCalendarMonths(int seed)
    {
        var events = new EventSchedule(seed, January2026, 3).Schedule().Select(s => s.Event).ToList();

        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.Time.Offset));
        Assert.All(events, e => Assert.Equal(0, e.Time.Ticks % TimeSpan.TicksPerMillisecond));
        Assert.All(events, e => Assert.InRange(e.Time, January2026, new DateTimeOffset(2026, 3, 31, 23, 59, 59, 999, TimeSpan.Zero)));
        Assert.Equal(
            [January2026, January2026.AddMonths(1), January2026.AddMonths(2)],
            events.Select(e => MonthOf(e.Time)).Distinct().Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_EachCustomerMonthHas80To160Events(int seed)
    {
        var counts = new EventSchedule(seed, January2026, 3).Schedule()
            .GroupBy(s => (s.Event.Customer, MonthOf(s.Event.Time)))
            .Select(g => g.Count())
            .ToList();

        Assert.Equal(27, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 80, 160));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Schedule_ThreeMonths_IdsAreUniqueAndNameSeedMonthAndCustomer(int seed)
    {
        var events = new EventSchedule(seed, January2026, 3).Schedule().Select(s => s.Event).ToList();

        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(events, e => Assert.StartsWith(
            FormattableString.Invariant($"g{seed}-{e.Time.UtcDateTime:yyyyMM}-{e.Customer}-"), e.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Schedule_SameSeedTwice_GivesIdenticalSchedules()
    {
        var first = new EventSchedule(5, January2026, 3).Schedule().ToList();
        var second = new EventSchedule(5, January2026, 3).Schedule().ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Schedule_DifferentSeeds_GiveDifferentEvents()
    {
        var first = new EventSchedule(5, January2026, 1).Schedule().Select(s => (s.Event.Customer, s.Event.Amount, s.Event.Time)).ToList();
        var second = new EventSchedule(6, January2026, 1).Schedule().Select(s => (s.Event.Customer, s.Event.Amount, s.Event.Time)).ToList();

        Assert.NotEqual(first, second);
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void Generate_SameMonthAlone_EqualsThatMonthInsideALongerRun()
    {
        var march = January2026.AddMonths(2);
        var alone = MonthPlan.Generate(9, march);
        var inRun = new EventSchedule(9, January2026, 3).Schedule().Select(s => s.Event).Where(e => MonthOf(e.Time) == march);

        Assert.Equal(alone.OrderBy(e => e.Id, StringComparer.Ordinal), inRun.OrderBy(e => e.Id, StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_NotTheStartOfAMonth_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => MonthPlan.Generate(1, January2026.AddDays(1)));

        Assert.Equal("monthStart", ex.ParamName);
    }

    [Fact]
    public void MonthlyTotal_OfAllCustomers_Is900()
    {
        Assert.Equal(9, GeneratorCustomers.All.Count);
        Assert.Equal(900.00m, GeneratorCustomers.MonthlyTotal);
    }
}

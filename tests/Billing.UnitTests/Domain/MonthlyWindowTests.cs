using Billing.Events;
using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.UnitTests.Domain;

public sealed class MonthlyWindowTests
{
    private static readonly BillingMonth February = new(2026, 2);

    [Fact]
    public void ToUsage_EventsOnSeveralDays_SumsEachUtcDay()
    {
        var window = new MonthlyWindow();
        window.Add(Event(1.50m, "2026-02-01T00:00:00Z"));
        window.Add(Event(2.00m, "2026-02-01T23:59:59.999Z"));
        window.Add(Event(0.25m, "2026-02-28T10:00:00+05:00"));
        window.Add(Event(4.00m, "2026-02-28T23:30:00Z"));

        var usage = window.ToUsage(February, MonthStatus.Open);

        Assert.Equal(28, usage.ByDay!.Count);
        Assert.Equal(3.50m, usage.ByDay[0]);
        Assert.Equal(4.25m, usage.ByDay[27]);
        Assert.Equal(usage.Total, usage.ByDay.Sum());
        Assert.All(usage.ByDay.Skip(1).Take(26), day => Assert.Equal(0m, day));
    }

    [Fact]
    public void ToUsage_ThirtyOneDayMonth_HasAnEntryPerDay()
    {
        var window = new MonthlyWindow();
        window.Add(Event(7.00m, "2026-10-31T12:00:00Z"));

        var usage = window.ToUsage(new BillingMonth(2026, 10), MonthStatus.Closing);

        Assert.Equal(31, usage.ByDay!.Count);
        Assert.Equal(7.00m, usage.ByDay[30]);
    }

    [Fact]
    public void ToUsage_WindowWithoutDays_AsFromOlderState_HasEmptyByDayAndStartsCountingOnTheNextEvent()
    {
        // State persisted before days were kept deserializes with TotalByDay null, as a new window has it.
        var window = new MonthlyWindow();
        Assert.Null(window.TotalByDay);
        Assert.Empty(window.ToUsage(February, MonthStatus.Open).ByDay!);

        window.Add(Event(1.00m, "2026-02-10T08:00:00Z"));

        Assert.Equal(1.00m, window.ToUsage(February, MonthStatus.Open).ByDay![9]);
    }

    private static BillableEvent Event(decimal amount, string time) =>
        new("Emma", EventType.Call, amount, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), null);
}

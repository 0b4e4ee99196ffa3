using Billing.Events;
using Billing.Generator;

namespace Billing.GeneratorTests;

/// <summary>Shared checks and groupings over generated events.</summary>
internal static class ScheduleAssertions
{
    public static readonly DateTimeOffset January2026 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset MonthOf(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Asserts that every customer has exactly its fixed total in each of the months starting at <paramref name="start"/>.</summary>
    public static void AssertExactMonthlyTotals(IEnumerable<BillableEvent> events, DateTimeOffset start, int months)
    {
        var totals = events
            .GroupBy(e => (e.Customer, Month: MonthOf(e.Time)))
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        var expected = Enumerable.Range(0, months)
            .SelectMany(m => GeneratorCustomers.All.Select(c => (Key: (c.Name, Month: start.AddMonths(m)), c.MonthlyTotal)))
            .ToDictionary(x => x.Key, x => x.MonthlyTotal);
        Assert.Equal(expected.OrderBy(kv => kv.Key).ToList(), totals.OrderBy(kv => kv.Key).ToList());
    }
}

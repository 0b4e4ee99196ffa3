using Billing.Events;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>The running aggregate of one customer's month: count and total, overall and per event type.</summary>
[GenerateSerializer]
[Alias("billing.monthly-window")]
public sealed class MonthlyWindow
{
    [Id(0)]
    public int Count { get; private set; }

    [Id(1)]
    public decimal Total { get; private set; }

    // Indexed by EventType: five types, so arrays beat dictionaries in size and speed.
    [Id(2)]
    public int[] CountByType { get; private set; } = new int[EventTypes.All.Count];

    [Id(3)]
    public decimal[] TotalByType { get; private set; } = new decimal[EventTypes.All.Count];

    /// <summary>
    /// The total per day of the month in UTC, index 0 the 1st. Null in state written before it was kept (a
    /// missing field deserializes as null); such a window starts counting days with its next event.
    /// </summary>
    [Id(4)]
    public decimal[]? TotalByDay { get; private set; }

    public void Add(BillableEvent billable)
    {
        var type = (int)billable.Type;
        Count++;
        Total += billable.Amount;
        CountByType[type]++;
        TotalByType[type] += billable.Amount;
        TotalByDay ??= new decimal[DaysKept];
        TotalByDay[billable.Time.UtcDateTime.Day - 1] += billable.Amount;
    }

    private const int DaysKept = 31;

    public MonthUsage ToUsage(BillingMonth month, string status) => new(
        month,
        Count,
        Total,
        [.. EventTypes.All.Where(type => CountByType[(int)type] > 0)
            .Select(type => new TypeUsage(type, CountByType[(int)type], TotalByType[(int)type]))],
        status,
        ByDayOf(month));

    // Trimmed to the month's length; empty when the window never kept days.
    private decimal[] ByDayOf(BillingMonth month) =>
        TotalByDay is null ? [] : [.. TotalByDay.Take(DateTime.DaysInMonth(month.Year, month.Month))];
}

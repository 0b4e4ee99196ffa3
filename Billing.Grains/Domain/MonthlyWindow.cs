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

    public void Add(BillableEvent billable)
    {
        var type = (int)billable.Type;
        Count++;
        Total += billable.Amount;
        CountByType[type]++;
        TotalByType[type] += billable.Amount;
    }

    public MonthUsage ToUsage(BillingMonth month, string status) => new(
        month,
        Count,
        Total,
        [.. EventTypes.All.Where(type => CountByType[(int)type] > 0)
            .Select(type => new TypeUsage(type, CountByType[(int)type], TotalByType[(int)type]))],
        status);
}

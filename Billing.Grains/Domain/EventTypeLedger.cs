using Billing.Events;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Applies a type's events to its monthly totals exactly once, and describes the result.</summary>
public static class EventTypeLedger
{
    /// <returns>How many events were new.</returns>
    public static int Apply(EventTypeUsageState state, IEnumerable<IngestedEvent> events, DateTimeOffset now)
    {
        var applied = state.Offsets.ApplyNew(events, billable => state.Months.GetOrAdd(BillingMonth.Of(billable.Time)).Add(billable.Amount));
        if (applied > 0)
        {
            state.UpdatedAt = now;
        }

        return applied;
    }

    public static EventTypeUsage? Describe(EventType type, EventTypeUsageState state) =>
        state.Months.Count == 0
            ? null
            : new EventTypeUsage(
                type,
                [.. state.Months.OrderBy(entry => entry.Key).Select(entry => new TypeMonthUsage(entry.Key, entry.Value.Count, entry.Value.Total))],
                state.UpdatedAt);
}

using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Applies a type's events to its monthly totals exactly once, and describes the result.</summary>
public static class EventTypeLedger
{
    /// <summary>
    /// Adds every event not applied before to the total of its month; a copy of an event counted before (the
    /// same customer and id) counts only as a duplicate, as it does for its customer.
    /// </summary>
    /// <returns>How many records were new (copies included: their offsets changed the state).</returns>
    public static int Apply(EventTypeUsageState state, IEnumerable<IngestedEvent> events, DateTimeOffset now, SeenEventIds seen, BillingMonth? keepIdsFrom)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var applied = state.Offsets.ApplyNew(events, billable =>
        {
            if (seen.TryCount(billable, keepIdsFrom))
            {
                state.Months.GetOrAdd(BillingMonth.Of(billable.Time)).Add(billable.Amount);
            }
        });
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
                state.UpdatedAt,
                state.EventIds.Duplicates);
}

using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Applies a customer's events to its state exactly once, and describes the result.</summary>
public static class CustomerLedger
{
    /// <summary>
    /// Adds every event not applied before to the window of its calendar month, or, when that month has
    /// closed, to the late usage of that month (carried on the next invoice). An event whose id was counted
    /// before is a copy: its offset is applied, and it counts only as a duplicate.
    /// </summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="events">A batch, in stream order.</param>
    /// <param name="now">The silo's clock, for <see cref="CustomerUsageState.UpdatedAt"/>.</param>
    /// <param name="seen">The ids counted in the months kept (over <see cref="CustomerUsageState.EventIds"/>).</param>
    /// <param name="keepIdsFrom">The first month whose ids are kept (<see cref="DeduplicationHorizon"/>).</param>
    /// <returns>How many records were new (copies included: their offsets changed the state).</returns>
    public static int Apply(CustomerUsageState state, IEnumerable<IngestedEvent> events, DateTimeOffset now, SeenEventIds seen, BillingMonth? keepIdsFrom)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var applied = state.Offsets.ApplyNew(events, billable =>
        {
            if (!seen.TryCount(billable, keepIdsFrom))
            {
                return;
            }

            var month = BillingMonth.Of(billable.Time);
            if (IsLate(state, month))
            {
                state.LateUsage.GetOrAdd(month).Add(billable.Amount);
                state.LateEvents++;
            }
            else
            {
                state.Months.GetOrAdd(month).Add(billable);
            }
        });
        if (applied > 0)
        {
            state.UpdatedAt = now;
        }

        return applied;
    }

    /// <summary>
    /// An event is late when its month has closed and no window of that month still awaits its invoice: the
    /// month's invoice is frozen or issued, or the customer had no usage in it when it closed.
    /// </summary>
    public static bool IsLate(CustomerUsageState state, BillingMonth month) =>
        state.Closing?.Month == month || (month <= state.ClosedThrough && !state.Months.ContainsKey(month));

    /// <summary>The usage to show, or null for a customer without events.</summary>
    public static CustomerUsage? Describe(string customer, CustomerUsageState state) =>
        state.Offsets.HighestByPartition.Count == 0
            ? null
            : new CustomerUsage(
                customer,
                [.. state.Months.OrderBy(entry => entry.Key).Select(entry => entry.Value.ToUsage(entry.Key, StatusOf(state, entry.Key)))],
                state.UpdatedAt,
                PendingAdjustments(state),
                state.LateEvents,
                state.EventIds.Duplicates);

    /// <summary>Late usage not invoiced yet, oldest month first.</summary>
    public static IReadOnlyList<InvoiceAdjustment> PendingAdjustments(CustomerUsageState state) =>
        [.. state.LateUsage.OrderBy(entry => entry.Key).Select(entry => new InvoiceAdjustment(entry.Key, entry.Value.Count, entry.Value.Total))];

    private static string StatusOf(CustomerUsageState state, BillingMonth month) =>
        month <= state.ClosedThrough ? MonthStatus.Closing : MonthStatus.Open;
}

using Billing.Events;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Applies a customer's events to its state exactly once, and describes the result.</summary>
public static class CustomerLedger
{
    /// <summary>
    /// Adds every event not applied before to the window of its calendar month, or, when that month has
    /// closed, to the late usage of that month (carried on the next invoice).
    /// </summary>
    /// <returns>How many events were new.</returns>
    public static int Apply(CustomerUsageState state, IEnumerable<IngestedEvent> events, DateTimeOffset now)
    {
        var applied = state.Offsets.ApplyNew(events, billable =>
        {
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
                state.LateEvents);

    /// <summary>Late usage not invoiced yet, oldest month first.</summary>
    public static IReadOnlyList<InvoiceAdjustment> PendingAdjustments(CustomerUsageState state) =>
        [.. state.LateUsage.OrderBy(entry => entry.Key).Select(entry => new InvoiceAdjustment(entry.Key, entry.Value.Count, entry.Value.Total))];

    private static string StatusOf(CustomerUsageState state, BillingMonth month) =>
        month <= state.ClosedThrough ? MonthStatus.Closing : MonthStatus.Open;
}

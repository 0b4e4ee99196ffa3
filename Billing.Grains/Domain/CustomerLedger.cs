using Billing.Events;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Applies a customer's events to its state exactly once, and describes the result.</summary>
public static class CustomerLedger
{
    public const string OpenStatus = "open";

    /// <summary>Adds every event not applied before to the window of its calendar month.</summary>
    /// <returns>How many events were new.</returns>
    public static int Apply(CustomerUsageState state, IEnumerable<IngestedEvent> events, DateTimeOffset now)
    {
        var applied = MonthlyAggregation.Apply(state.Months, state.Offsets, events, static (window, billable) => window.Add(billable));
        if (applied > 0)
        {
            state.UpdatedAt = now;
        }

        return applied;
    }

    /// <summary>The usage to show, or null for a customer without events.</summary>
    public static CustomerUsage? Describe(string customer, CustomerUsageState state) =>
        state.Months.Count == 0
            ? null
            : new CustomerUsage(
                customer,
                [.. state.Months.OrderBy(entry => entry.Key).Select(entry => entry.Value.ToUsage(entry.Key, OpenStatus))],
                state.UpdatedAt);
}

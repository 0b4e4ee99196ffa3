using Billing.Events;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>
/// Turns a customer's closed months into invoices, one at a time and in month order: advance what is closed,
/// freeze the next invoice (<see cref="Freeze"/>), and once the store has issued it, settle the state
/// (<see cref="Complete"/>). Each step is a pure change of <see cref="CustomerUsageState"/>.
/// </summary>
public static class CustomerClosing
{
    /// <summary>Records that the watermark has closed every month up to <paramref name="closedThrough"/>.</summary>
    /// <returns>True when this moved what the customer knows to be closed.</returns>
    public static bool Advance(CustomerUsageState state, BillingMonth? closedThrough)
    {
        if (closedThrough is not { } month || month <= state.ClosedThrough)
        {
            return false;
        }

        state.ClosedThrough = month;
        return true;
    }

    /// <summary>
    /// The invoice to issue next: the one already frozen, else a new one frozen now for the oldest closed
    /// window, else (late usage waiting but no closed window) an invoice of adjustments only for the latest
    /// closed month. Null when nothing is due.
    /// </summary>
    public static InvoiceDraft? Freeze(CustomerUsageState state, string customer, string currency, DateTimeOffset now)
    {
        if (state.Closing is { } frozen)
        {
            return frozen;
        }

        if (NextInvoiceMonth(state) is not { } month)
        {
            return null;
        }

        state.Months.TryGetValue(month, out var window);
        var draft = new InvoiceDraft(
            customer,
            month,
            currency,
            window is null ? [] : LinesOf(window),
            [.. CustomerLedger.PendingAdjustments(state).Where(adjustment => adjustment.Month < month)],
            WholeMilliseconds(now));
        state.Closing = draft;
        return draft;
    }

    /// <summary>
    /// Settles the state once <paramref name="invoice"/> is issued: its window and the late usage it carries
    /// leave the state. The stored invoice decides: should its lines hold less than the window (another
    /// activation froze it earlier), the rest of the window stays as late usage of that month, so nothing is
    /// lost and nothing is billed twice.
    /// </summary>
    public static void Complete(CustomerUsageState state, Invoice invoice)
    {
        if (state.Months.Remove(invoice.Month, out var window))
        {
            var leftoverCount = window.Count - invoice.Lines.Sum(line => line.Count);
            var leftoverAmount = window.Total - invoice.Lines.Sum(line => line.Amount);
            if (leftoverCount > 0)
            {
                state.LateUsage.GetOrAdd(invoice.Month).Add(leftoverCount, leftoverAmount);
            }
        }

        foreach (var adjustment in invoice.Adjustments)
        {
            if (state.LateUsage.TryGetValue(adjustment.Month, out var late))
            {
                late.Add(-adjustment.Count, -adjustment.Amount);
                if (late.Count <= 0)
                {
                    state.LateUsage.Remove(adjustment.Month);
                }
            }
        }

        if (invoice.Month > state.LastInvoiced || state.LastInvoiced is null)
        {
            state.LastInvoiced = invoice.Month;
        }

        state.Closing = null;
    }

    /// <summary>
    /// What the customer directory must know of this customer for every month to be closed: the months it
    /// holds and the month whose closing makes its next invoice due.
    /// </summary>
    public static CustomerMonths DirectoryEntry(string customer, CustomerUsageState state) =>
        new(customer, [.. state.Months.Keys.Order()], NextClosingMonth(state));

    /// <summary>
    /// The month whose close brings this customer's next invoice: its oldest window, or for late usage alone
    /// the month after the latest closed one. Null when nothing waits.
    /// </summary>
    public static BillingMonth? NextClosingMonth(CustomerUsageState state)
    {
        if (state.Closing is { } frozen)
        {
            return frozen.Month;
        }

        BillingMonth? oldestWindow = state.Months.Count > 0 ? state.Months.Keys.Min() : null;
        var forLateUsage = LateUsageInvoiceMonth(state);
        return oldestWindow is { } window && (forLateUsage is null || window <= forLateUsage) ? window : forLateUsage;
    }

    private static BillingMonth? NextInvoiceMonth(CustomerUsageState state)
    {
        if (state.ClosedThrough is not { } closedThrough)
        {
            return null;
        }

        var closedWindows = state.Months.Keys.Where(month => month <= closedThrough).ToList();
        if (closedWindows.Count > 0)
        {
            return closedWindows.Min();
        }

        return LateUsageInvoiceMonth(state) is { } forLateUsage && forLateUsage <= closedThrough ? forLateUsage : null;
    }

    /// <summary>
    /// The month of the invoice that carries the late usage waiting (null when none waits). The latest closed
    /// month, as an invoice of adjustments only, when it has no invoice yet and the usage is from before it;
    /// otherwise the month after it, whose invoice comes when it closes. One rule for both when to close
    /// (<see cref="NextClosingMonth"/>) and what to freeze, so the invoice does not depend on which comes first.
    /// </summary>
    private static BillingMonth? LateUsageInvoiceMonth(CustomerUsageState state)
    {
        if (state.LateUsage.Count == 0 || state.ClosedThrough is not { } closedThrough)
        {
            return null;
        }

        var dueNow = state.LateUsage.Keys.Any(month => month < closedThrough) && !(state.LastInvoiced >= closedThrough);
        return dueNow ? closedThrough : closedThrough.Next();
    }

    /// <summary>Invoices show their issue time to the millisecond; the stores keep exactly that.</summary>
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static IReadOnlyList<InvoiceLine> LinesOf(MonthlyWindow window) =>
        [.. EventTypes.All
            .Where(type => window.CountByType[(int)type] > 0)
            .Select(type => new InvoiceLine(type, window.CountByType[(int)type], window.TotalByType[(int)type]))];
}

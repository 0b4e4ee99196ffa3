using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Grains.Domain;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.UnitTests.Deduplication;

/// <summary>How the customer and type ledgers treat a record whose id was counted before.</summary>
public sealed class LedgerDeduplicationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CustomerLedger_SameIdFromTwoPartitions_BillsOnceAndCountsTheCopy()
    {
        var state = new CustomerUsageState();
        var seen = new SeenEventIds(state.EventIds);

        var applied = CustomerLedger.Apply(state, [Copy(0, 7, "dup-1", 3.57m), Copy(5, 2, "dup-1", 3.57m), Copy(5, 3, "other", 1.00m)], Now, seen, null);

        Assert.Equal(3, applied);
        var usage = CustomerLedger.Describe("Emma", state)!;
        Assert.Equal(4.57m, usage.Current!.Total);
        Assert.Equal(2, usage.Current.Count);
        Assert.Equal(1, usage.Duplicates);
        // The copy's offset is applied: redelivered, it is neither billed nor counted as a copy again.
        Assert.Equal(0, CustomerLedger.Apply(state, [Copy(5, 2, "dup-1", 3.57m)], Now, seen, null));
        Assert.Equal(1, CustomerLedger.Describe("Emma", state)!.Duplicates);
    }

    [Fact]
    public void CustomerLedger_CopyInALaterBatch_IsNotBilled()
    {
        var state = new CustomerUsageState();
        var seen = new SeenEventIds(state.EventIds);
        CustomerLedger.Apply(state, [Copy(0, 1, "dup-1", 2.00m)], Now, seen, null);

        CustomerLedger.Apply(state, [Copy(0, 2, "dup-1", 2.00m)], Now, seen, null);

        Assert.Equal(2.00m, CustomerLedger.Describe("Emma", state)!.Current!.Total);
    }

    [Fact]
    public void CustomerLedger_CopyAfterTheMonthWasInvoiced_IsADuplicateNotAnAdjustment()
    {
        var state = new CustomerUsageState();
        var seen = new SeenEventIds(state.EventIds);
        CustomerLedger.Apply(state, [Copy(0, 1, "dup-1", 2.00m, "2026-10-20T00:00:00Z")], Now, seen, null);
        var october = new BillingMonth(2026, 10);
        CustomerClosing.Advance(state, october);
        CustomerClosing.Complete(state, Invoice.Issue(1, CustomerClosing.Freeze(state, "Emma", "EUR", Now)!));

        CustomerLedger.Apply(state, [Copy(0, 9, "dup-1", 2.00m, "2026-10-20T00:00:00Z")], Now, seen, october);

        Assert.Empty(CustomerLedger.PendingAdjustments(state));
        Assert.Equal(0, state.LateEvents);
        Assert.Equal(1, state.EventIds.Duplicates);
    }

    [Fact]
    public void CustomerLedger_EventsWithoutIds_KeepOffsetExactlyOnceOnly()
    {
        var state = new CustomerUsageState();
        var seen = new SeenEventIds(state.EventIds);

        CustomerLedger.Apply(state, [Copy(0, 1, null, 1.00m), Copy(0, 2, null, 1.00m)], Now, seen, null);

        Assert.Equal(2.00m, CustomerLedger.Describe("Emma", state)!.Current!.Total);
        Assert.Equal(0, state.EventIds.Duplicates);
    }

    [Fact]
    public void EventTypeLedger_CopyOfACustomersEvent_IsNotInTheTypeTotal()
    {
        var state = new EventTypeUsageState();
        var seen = new SeenEventIds(state.EventIds);

        EventTypeLedger.Apply(state, [Copy(0, 1, "dup-1", 2.00m), Copy(3, 4, "dup-1", 2.00m), Copy(3, 5, "dup-1", 2.00m, customer: "Noah")], Now, seen, null);

        var usage = EventTypeLedger.Describe(EventType.Call, state)!;
        Assert.Equal(4.00m, usage.Current!.Total);
        Assert.Equal(2, usage.Current.Count);
        Assert.Equal(1, usage.Duplicates);
    }

    private static IngestedEvent Copy(int partition, long offset, string? id, decimal amount, string time = "2026-11-02T00:00:00Z", string customer = "Emma") =>
        new(new BillableEvent(customer, EventType.Call, amount, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), id), partition, offset);
}

using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Grains.Domain;
using Billing.Invoices;
using Billing.Usage;
using static Billing.UnitTests.Domain.CustomerLedgerTests;

namespace Billing.UnitTests.Domain;

public sealed class CustomerClosingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly BillingMonth September = new(2026, 9);
    private static readonly BillingMonth October = new(2026, 10);
    private static readonly BillingMonth November = new(2026, 11);

    [Fact]
    public void Freeze_ClosedWindow_DraftsItsLinesInTypeOrder()
    {
        var state = StateWith(
            At(0, 0, EventType.Call, 3.57m, "2026-09-02T00:00:00Z"),
            At(0, 1, EventType.Message, 0.10m, "2026-09-30T23:59:59Z"),
            At(0, 2, EventType.Call, 1.43m, "2026-09-12T00:00:00Z"),
            At(0, 3, EventType.Data, 9.99m, "2026-10-01T00:00:00Z"));
        CustomerClosing.Advance(state, September);

        var draft = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;

        Assert.Equal(September, draft.Month);
        Assert.Equal([new InvoiceLine(EventType.Message, 1, 0.10m), new InvoiceLine(EventType.Call, 2, 5.00m)], draft.Lines);
        Assert.Empty(draft.Adjustments);
        Assert.Equal(5.10m, draft.Total);
        Assert.Equal(Now, draft.IssuedAt);
        Assert.Same(draft, state.Closing);
    }

    [Fact]
    public void Freeze_NothingClosed_IsNull()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-09-02T00:00:00Z"));
        CustomerClosing.Advance(state, new BillingMonth(2026, 8));

        Assert.Null(CustomerClosing.Freeze(state, "Emma", "EUR", Now));
        Assert.Equal(MonthStatus.Open, CustomerLedger.Describe("Emma", state)!.Current!.Status);
    }

    [Fact]
    public void Freeze_CalledAgainBeforeCompletion_ReturnsTheSameFrozenDraft()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-09-02T00:00:00Z"));
        CustomerClosing.Advance(state, September);
        var first = CustomerClosing.Freeze(state, "Emma", "EUR", Now);

        Assert.Same(first, CustomerClosing.Freeze(state, "Emma", "EUR", Now.AddHours(1)));
    }

    [Fact]
    public void Apply_EventOfAFrozenMonth_IsLateAndLeavesTheDraftAlone()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-09-02T00:00:00Z"));
        CustomerClosing.Advance(state, September);
        var draft = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;

        CustomerLedger.Apply(state, [At(0, 1, EventType.Data, 2.50m, "2026-09-20T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);

        Assert.Equal(1m, draft.Total);
        var usage = CustomerLedger.Describe("Emma", state)!;
        Assert.Equal([new InvoiceAdjustment(September, 1, 2.50m)], usage.PendingAdjustments);
        Assert.Equal(1, usage.LateEvents);
        Assert.Equal(MonthStatus.Closing, Assert.Single(usage.OpenMonths).Status);
    }

    [Fact]
    public void Complete_IssuedInvoice_RemovesTheWindowAndRemembersTheMonth()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-09-02T00:00:00Z"), At(0, 1, EventType.Call, 4m, "2026-10-02T00:00:00Z"));
        CustomerClosing.Advance(state, September);
        var draft = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;

        CustomerClosing.Complete(state, Invoice.Issue(7, draft));

        Assert.Null(state.Closing);
        Assert.Equal(September, state.LastInvoiced);
        Assert.Equal([October], state.Months.Keys);
        Assert.Null(CustomerClosing.Freeze(state, "Emma", "EUR", Now));
    }

    [Fact]
    public void LateEvent_AfterItsMonthWasInvoiced_BecomesAnAdjustmentOnTheNextInvoice()
    {
        var state = StateWith(At(0, 0, EventType.Call, 10m, "2026-09-02T00:00:00Z"), At(0, 1, EventType.Call, 20m, "2026-10-02T00:00:00Z"));
        CloseAndIssue(state, September, number: 1);

        CustomerLedger.Apply(state, [At(0, 2, EventType.Pack, 3.57m, "2026-09-29T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);
        CustomerClosing.Advance(state, October);
        var october = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;

        Assert.Equal(October, october.Month);
        Assert.Equal([new InvoiceLine(EventType.Call, 1, 20m)], october.Lines);
        Assert.Equal([new InvoiceAdjustment(September, 1, 3.57m)], october.Adjustments);
        Assert.Equal(23.57m, october.Total);

        CustomerClosing.Complete(state, Invoice.Issue(2, october));
        Assert.Empty(state.LateUsage);
        Assert.Equal(1, state.LateEvents);
        // Nothing left for the directory to close.
        Assert.True(CustomerClosing.DirectoryEntry("Emma", state).SameAs(new CustomerMonths("Emma", [], null)));
    }

    [Fact]
    public void LateUsage_WithoutAnyLaterWindow_GetsAnAdjustmentsOnlyInvoiceWhenTheNextMonthCloses()
    {
        var state = StateWith(At(0, 0, EventType.Call, 10m, "2026-09-02T00:00:00Z"));
        CloseAndIssue(state, September, number: 1);
        CustomerLedger.Apply(state, [At(0, 1, EventType.Call, 2m, "2026-09-29T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);

        Assert.Equal(October, CustomerClosing.NextClosingMonth(state));
        Assert.Null(CustomerClosing.Freeze(state, "Emma", "EUR", Now));

        CustomerClosing.Advance(state, October);
        var draft = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;

        Assert.Equal(October, draft.Month);
        Assert.Empty(draft.Lines);
        Assert.Equal([new InvoiceAdjustment(September, 1, 2m)], draft.Adjustments);
    }

    [Fact]
    public void LateUsage_ArrivingAfterALaterMonthClosedWithoutUsage_IsDueNowOnThatMonthsAdjustmentsOnlyInvoice()
    {
        var state = StateWith(At(0, 0, EventType.Call, 10m, "2026-09-02T00:00:00Z"));
        CloseAndIssue(state, September, number: 1);
        // October closed with no usage of this customer's, then September's late event arrives.
        CustomerClosing.Advance(state, October);
        CustomerLedger.Apply(state, [At(0, 1, EventType.Call, 2m, "2026-09-29T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);

        Assert.Equal(October, CustomerClosing.NextClosingMonth(state));
        var draft = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;
        Assert.Equal(October, draft.Month);
        Assert.Equal([new InvoiceAdjustment(September, 1, 2m)], draft.Adjustments);
    }

    [Fact]
    public void Freeze_SeveralMonthsClosedAtOnce_InvoicesThemOldestFirst()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-09-02T00:00:00Z"), At(0, 1, EventType.Call, 2m, "2026-10-02T00:00:00Z"));
        CustomerClosing.Advance(state, October);

        var first = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;
        CustomerClosing.Complete(state, Invoice.Issue(1, first));
        var second = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;
        CustomerClosing.Complete(state, Invoice.Issue(2, second));

        Assert.Equal([September, October], new[] { first.Month, second.Month });
        Assert.Null(CustomerClosing.Freeze(state, "Emma", "EUR", Now));
    }

    [Fact]
    public void Apply_EventOfAClosedMonthWhoseWindowAwaitsItsInvoice_StillCountsInThatWindow()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-09-02T00:00:00Z"), At(0, 1, EventType.Call, 2m, "2026-10-02T00:00:00Z"));
        CustomerClosing.Advance(state, October);
        CustomerClosing.Freeze(state, "Emma", "EUR", Now);

        // September is frozen; October is closed but not frozen yet, so its window still takes the event.
        CustomerLedger.Apply(state, [At(0, 2, EventType.Call, 5m, "2026-10-30T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);

        Assert.Equal(7m, state.Months[October].Total);
        Assert.Equal(0, state.LateEvents);
    }

    [Fact]
    public void Complete_StoredInvoiceHoldsLessThanTheWindow_KeepsTheRestAsLateUsage()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-09-02T00:00:00Z"), At(0, 1, EventType.Call, 2m, "2026-09-03T00:00:00Z"));
        CustomerClosing.Advance(state, September);
        var draft = CustomerClosing.Freeze(state, "Emma", "EUR", Now)!;
        var storedEarlier = Invoice.Issue(4, draft with { Lines = [new InvoiceLine(EventType.Call, 1, 1m)] });

        CustomerClosing.Complete(state, storedEarlier);

        Assert.Equal([new InvoiceAdjustment(September, 1, 2m)], CustomerLedger.PendingAdjustments(state));
    }

    [Fact]
    public void NextClosingMonth_OpenWindows_IsTheOldest()
    {
        var state = StateWith(At(0, 0, EventType.Call, 1m, "2026-11-02T00:00:00Z"), At(0, 1, EventType.Call, 2m, "2026-10-02T00:00:00Z"));

        Assert.Equal(October, CustomerClosing.NextClosingMonth(state));
        var entry = CustomerClosing.DirectoryEntry("Emma", state);
        Assert.True(entry.SameAs(new CustomerMonths("Emma", [October, November], October)));
        Assert.Null(CustomerClosing.NextClosingMonth(new CustomerUsageState()));
    }

    [Fact]
    public void Advance_OlderMonth_NeverMovesBack()
    {
        var state = new CustomerUsageState();
        Assert.True(CustomerClosing.Advance(state, November));
        Assert.False(CustomerClosing.Advance(state, October));
        Assert.False(CustomerClosing.Advance(state, null));
        Assert.Equal(November, state.ClosedThrough);
    }

    private static CustomerUsageState StateWith(params IngestedEvent[] events)
    {
        var state = new CustomerUsageState();
        CustomerLedger.Apply(state, events, Now, new SeenEventIds(state.EventIds), null);
        return state;
    }

    private static void CloseAndIssue(CustomerUsageState state, BillingMonth month, long number)
    {
        CustomerClosing.Advance(state, month);
        CustomerClosing.Complete(state, Invoice.Issue(number, CustomerClosing.Freeze(state, "Emma", "EUR", Now)!));
    }
}

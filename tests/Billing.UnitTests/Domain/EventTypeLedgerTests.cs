using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.UnitTests.Domain;

public sealed class EventTypeLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_EventsOfTwoMonths_TotalsEachMonthOnceEvenWhenRedelivered()
    {
        var state = new EventTypeUsageState();
        IngestedEvent[] batch =
        [
            CustomerLedgerTests.At(0, 1, EventType.Call, 2.00m, "2026-10-30T00:00:00Z"),
            CustomerLedgerTests.At(0, 2, EventType.Call, 3.00m, "2026-11-30T00:00:00Z"),
            CustomerLedgerTests.At(2, 0, EventType.Call, 4.00m, "2026-11-01T00:00:00Z"),
        ];

        Assert.Equal(3, EventTypeLedger.Apply(state, batch, Now, new SeenEventIds(state.EventIds), null));
        Assert.Equal(0, EventTypeLedger.Apply(state, batch, Now, new SeenEventIds(state.EventIds), null));

        var usage = EventTypeLedger.Describe(EventType.Call, state)!;
        Assert.Equal(
            [new TypeMonthUsage(new BillingMonth(2026, 10), 1, 2.00m), new TypeMonthUsage(new BillingMonth(2026, 11), 2, 7.00m)],
            usage.Months);
        Assert.Equal(new BillingMonth(2026, 11), usage.Current!.Month);
    }
}

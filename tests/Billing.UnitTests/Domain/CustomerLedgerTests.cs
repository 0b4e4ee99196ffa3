using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.UnitTests.Domain;

public sealed class CustomerLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_EventsOfTwoMonths_SumsEachCalendarMonthAndType()
    {
        var state = new CustomerUsageState();

        var applied = CustomerLedger.Apply(state,
        [
            At(0, 0, EventType.Call, 3.57m, "2026-10-31T23:59:59.999Z"),
            At(0, 1, EventType.Call, 1.00m, "2026-11-01T00:00:00Z"),
            At(1, 0, EventType.Data, 0.43m, "2026-11-15T12:00:00Z"),
        ], Now, new SeenEventIds(state.EventIds), null);

        Assert.Equal(3, applied);
        var usage = CustomerLedger.Describe("Emma", state)!;
        Assert.Equal(["2026-10", "2026-11"], usage.OpenMonths.Select(m => m.Month.ToString()));
        Assert.Equal(3.57m, usage.OpenMonths[0].Total);
        var november = usage.Current!;
        Assert.Equal(1.43m, november.Total);
        Assert.Equal(2, november.Count);
        Assert.Equal([new TypeUsage(EventType.Data, 1, 0.43m), new TypeUsage(EventType.Call, 1, 1.00m)], november.ByType);
        Assert.Equal(Now, usage.UpdatedAt);
    }

    [Fact]
    public void Apply_RedeliveredBatch_ChangesNothing()
    {
        var state = new CustomerUsageState();
        IngestedEvent[] batch = [At(3, 10, EventType.Pack, 5.00m, "2026-11-02T00:00:00Z"), At(3, 11, EventType.Misc, 2.50m, "2026-11-02T01:00:00Z")];
        CustomerLedger.Apply(state, batch, Now, new SeenEventIds(state.EventIds), null);

        var appliedAgain = CustomerLedger.Apply(state, batch, Now.AddMinutes(1), new SeenEventIds(state.EventIds), null);

        Assert.Equal(0, appliedAgain);
        Assert.Equal(7.50m, CustomerLedger.Describe("Emma", state)!.Current!.Total);
        Assert.Equal(Now, state.UpdatedAt);
    }

    [Fact]
    public void Apply_PartlyRedeliveredBatch_AppliesOnlyTheNewTail()
    {
        var state = new CustomerUsageState();
        CustomerLedger.Apply(state, [At(3, 10, EventType.Pack, 5.00m, "2026-11-02T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);

        var applied = CustomerLedger.Apply(state,
            [At(3, 10, EventType.Pack, 5.00m, "2026-11-02T00:00:00Z"), At(3, 12, EventType.Pack, 1.25m, "2026-11-03T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);

        Assert.Equal(1, applied);
        Assert.Equal(6.25m, CustomerLedger.Describe("Emma", state)!.Current!.Total);
    }

    [Fact]
    public void Apply_SameOffsetOnAnotherPartition_IsADifferentRecord()
    {
        var state = new CustomerUsageState();

        var applied = CustomerLedger.Apply(state,
            [At(0, 5, EventType.Call, 1.00m, "2026-11-02T00:00:00Z"), At(1, 5, EventType.Call, 1.00m, "2026-11-02T00:00:00Z")], Now, new SeenEventIds(state.EventIds), null);

        Assert.Equal(2, applied);
    }

    [Fact]
    public void Describe_NoEvents_IsNull() => Assert.Null(CustomerLedger.Describe("Emma", new CustomerUsageState()));

    internal static IngestedEvent At(int partition, long offset, EventType type, decimal amount, string time) =>
        new(new BillableEvent("Emma", type, amount, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), partition, offset);
}

using Billing.Events;
using Billing.Grains.Customers;
using Billing.Grains.Deduplication;
using Billing.Grains.Domain;
using Billing.Usage;
using static Billing.UnitTests.Customers.CustomerRankingTests;

namespace Billing.UnitTests.Customers;

public sealed class CustomerStandingsTests
{
    private static readonly BillingMonth September = new(2026, 9);

    [Fact]
    public void Top_CustomersOfThisSilo_RanksEachMonthOldestMonthFirstAndCutsToDepth()
    {
        var standings = new CustomerStandings();
        standings.Update("Emma", Usage(("2026-10-30T10:00:00Z", 4.00m), ("2026-11-02T10:00:00Z", 1.25m), ("2026-11-03T10:00:00Z", 1.25m)));
        standings.Update("Olivia", Usage(("2026-11-05T10:00:00Z", 7.00m)));
        standings.Update("Ava", Usage(("2026-11-05T10:00:00Z", 2.50m)));
        standings.Update("Liam", Usage(("2026-10-05T10:00:00Z", 0.99m)));

        var (_, top) = standings.Top(closedThrough: null, depth: 2);

        Assert.Equal(
            [("Emma", October, 4.00m), ("Liam", October, 0.99m), ("Olivia", November, 7.00m), ("Ava", November, 2.50m)],
            top.Select(s => (s.Customer, s.Month, s.Total)));
        Assert.All(top, standing => Assert.Equal(Noon, standing.UpdatedAt));
    }

    [Fact]
    public void Top_MonthsTheWatermarkClosed_AreLeftOut()
    {
        var standings = new CustomerStandings();
        standings.Update("Emma", Usage(("2026-09-30T10:00:00Z", 9.00m), ("2026-10-01T10:00:00Z", 1.00m)));

        var (_, top) = standings.Top(closedThrough: September, depth: 10);

        Assert.Equal([Standing("Emma", 1.00m, month: October)], top);
    }

    [Fact]
    public void Update_AfterAnInvoice_ReplacesTheCustomersMonthsAndMovesTheVersion()
    {
        var standings = new CustomerStandings();
        var state = Usage(("2026-10-30T10:00:00Z", 4.00m), ("2026-11-02T10:00:00Z", 1.25m));
        standings.Update("Emma", state);
        var before = standings.Version;

        state.Months.Remove(October);
        standings.Update("Emma", state);

        Assert.NotEqual(before, standings.Version);
        Assert.Equal([Standing("Emma", 1.25m)], standings.Top(null, 10).Standings);
    }

    [Fact]
    public void Retire_BeforeTheLastUpdateWasReported_KeepsTheCustomerUntilItIs()
    {
        var standings = new CustomerStandings();
        standings.Update("Emma", Usage(("2026-11-02T10:00:00Z", 1.25m)));
        standings.Update("Ava", Usage(("2026-11-02T10:00:00Z", 2.00m)));

        standings.Retire("Emma");
        var (version, top) = standings.Top(null, 10);
        standings.MarkReported(version);

        Assert.Equal(["Ava", "Emma"], top.Select(s => s.Customer));
        Assert.Equal(["Ava"], standings.Top(null, 10).Standings.Select(s => s.Customer));
    }

    [Fact]
    public void Retire_AfterTheLastUpdateWasReported_DropsTheCustomerAtOnce()
    {
        var standings = new CustomerStandings();
        standings.Update("Emma", Usage(("2026-11-02T10:00:00Z", 1.25m)));
        standings.MarkReported(standings.Top(null, 10).Version);

        standings.Retire("Emma");

        Assert.Empty(standings.Top(null, 10).Standings);
    }

    [Fact]
    public void MarkReported_CustomerUpdatedAfterTheReport_IsKeptAlthoughRetired()
    {
        var standings = new CustomerStandings();
        standings.Update("Emma", Usage(("2026-11-02T10:00:00Z", 1.25m)));
        var (version, _) = standings.Top(null, 10);
        standings.Update("Emma", Usage(("2026-11-02T10:00:00Z", 1.25m), ("2026-11-03T10:00:00Z", 2.00m)));
        standings.Retire("Emma");

        standings.MarkReported(version);

        Assert.Equal([Standing("Emma", 3.25m)], standings.Top(null, 10).Standings);
    }

    [Fact]
    public void Update_CustomerBackAfterRetiring_StaysAfterTheReport()
    {
        var standings = new CustomerStandings();
        standings.Update("Emma", Usage(("2026-11-02T10:00:00Z", 1.25m)));
        standings.Retire("Emma");
        standings.Update("Emma", Usage(("2026-11-02T10:00:00Z", 1.25m)));

        standings.MarkReported(standings.Top(null, 10).Version);

        Assert.Equal([Standing("Emma", 1.25m)], standings.Top(null, 10).Standings);
    }

    /// <summary>A customer's state after its events (all CALLs), applied at <see cref="CustomerRankingTests.Noon"/>.</summary>
    private static CustomerUsageState Usage(params (string Time, decimal Amount)[] events)
    {
        var state = new CustomerUsageState();
        CustomerLedger.Apply(
            state,
            events.Select((e, offset) => new IngestedEvent(
                new BillableEvent("Emma", EventType.Call, e.Amount, DateTimeOffset.Parse(e.Time, System.Globalization.CultureInfo.InvariantCulture)), 0, offset)),
            Noon, new SeenEventIds(state.EventIds), null);
        return state;
    }
}

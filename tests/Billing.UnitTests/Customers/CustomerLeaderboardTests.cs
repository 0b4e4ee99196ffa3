using Billing.Grains.Domain;
using Billing.Usage;
using static Billing.UnitTests.Customers.CustomerRankingTests;

namespace Billing.UnitTests.Customers;

public sealed class CustomerLeaderboardTests
{
    private static readonly BillingMonth September = new(2026, 9);

    [Fact]
    public void Merge_ReportsOfTwoSilos_RanksTheirCustomersTogetherPerMonth()
    {
        var state = new CustomerLeaderboardState();

        Assert.True(CustomerLeaderboard.Merge(state, Report(null, Standing("Emma", 30.00m), Standing("Ava", 5.00m), Standing("Emma", 2.00m, month: October)), 100));
        Assert.True(CustomerLeaderboard.Merge(state, Report(null, Standing("Olivia", 12.00m), Standing("Liam", 3.00m, month: October)), 100));

        Assert.Equal([October, November], CustomerLeaderboard.Months(state));
        Assert.Equal([("Emma", 30.00m), ("Olivia", 12.00m), ("Ava", 5.00m)], Top(state, November, 10));
        Assert.Equal([("Liam", 3.00m), ("Emma", 2.00m)], Top(state, October, 10));
    }

    [Fact]
    public void Merge_CustomerMissingFromALaterReport_StaysListed()
    {
        // Inactive customers leave their silo's standings, and a silo that died reports nothing more.
        var state = new CustomerLeaderboardState();
        CustomerLeaderboard.Merge(state, Report(null, Standing("Emma", 30.00m), Standing("Olivia", 12.00m)), 100);

        CustomerLeaderboard.Merge(state, Report(null, Standing("Ava", 20.00m)), 100);

        Assert.Equal([("Emma", 30.00m), ("Ava", 20.00m), ("Olivia", 12.00m)], Top(state, November, 10));
    }

    [Fact]
    public void Merge_CustomerThatMovedSilos_ShowsOnlyItsCurrentTotalWhicheverReportComesLast()
    {
        var state = new CustomerLeaderboardState();
        var oldSilo = Report(null, Standing("Emma", 10.00m, Noon), Standing("Ava", 11.00m, Noon));
        var newSilo = Report(null, Standing("Emma", 14.00m, Noon.AddMinutes(2)));

        CustomerLeaderboard.Merge(state, oldSilo, 100);
        CustomerLeaderboard.Merge(state, newSilo, 100);
        Assert.False(CustomerLeaderboard.Merge(state, oldSilo, 100));

        Assert.Equal([("Emma", 14.00m), ("Ava", 11.00m)], Top(state, November, 10));
    }

    [Fact]
    public void Merge_ClosedMonth_DropsItsStandingsAndIgnoresLaterOnes()
    {
        var state = new CustomerLeaderboardState();
        CustomerLeaderboard.Merge(state, Report(September, Standing("Emma", 4.00m, month: October), Standing("Emma", 1.00m)), 100);

        Assert.True(CustomerLeaderboard.Merge(state, Report(October), 100));
        // A silo that has not learned the newer watermark yet still reports October: it stays out.
        CustomerLeaderboard.Merge(state, Report(September, Standing("Ava", 9.00m, month: October), Standing("Ava", 2.00m)), 100);

        Assert.Equal(October, state.ClosedThrough);
        Assert.Equal([November], CustomerLeaderboard.Months(state));
        Assert.Empty(CustomerLeaderboard.Top(state, October, 10)!.Customers);
        Assert.Equal([("Ava", 2.00m), ("Emma", 1.00m)], Top(state, November, 10));
    }

    [Fact]
    public void Merge_MoreCustomersThanTheDepth_KeepsTheDepthHighest()
    {
        var state = new CustomerLeaderboardState();

        CustomerLeaderboard.Merge(state, Report(null, [.. Enumerable.Range(1, 30).Select(n => Standing($"c{n:D2}", n))]), depth: 20);
        CustomerLeaderboard.Merge(state, Report(null, Standing("late", 11.50m)), depth: 20);

        Assert.Equal(20, state.Months[November].Length);
        Assert.Equal(["c30", "c29"], Top(state, November, 2).Select(s => s.Customer));
        Assert.Equal([("c12", 12m), ("late", 11.50m)], state.Months[November][^2..].Select(s => (s.Customer, s.Total)));
    }

    [Fact]
    public void Merge_SameReportAgain_ChangesNothing()
    {
        var state = new CustomerLeaderboardState();
        var report = Report(September, Standing("Emma", 3.00m));

        Assert.True(CustomerLeaderboard.Merge(state, report, 100));
        Assert.False(CustomerLeaderboard.Merge(state, report, 100));
        Assert.False(CustomerLeaderboard.Merge(state, Report(null), 100));
    }

    [Fact]
    public void Top_NoMonthGiven_IsTheLatestMonthCutToCount()
    {
        var state = new CustomerLeaderboardState();
        CustomerLeaderboard.Merge(state, Report(null, Standing("Emma", 3.00m), Standing("Ava", 4.00m), Standing("Liam", 9.00m, month: October)), 100);

        var top = CustomerLeaderboard.Top(state, month: null, count: 1)!;

        Assert.Equal(November, top.Month);
        Assert.Equal([Standing("Ava", 4.00m)], top.Customers);
    }

    [Fact]
    public void Top_NoStandings_IsNullAndAMonthWithoutStandingsIsEmpty()
    {
        var state = new CustomerLeaderboardState();

        Assert.Null(CustomerLeaderboard.Top(state, month: null, count: 10));
        var october = CustomerLeaderboard.Top(state, October, 10)!;
        Assert.Equal(October, october.Month);
        Assert.Empty(october.Customers);
    }

    private static StandingsReport Report(BillingMonth? closedThrough, params CustomerStanding[] standings) => new(closedThrough, standings);

    private static IEnumerable<(string Customer, decimal Total)> Top(CustomerLeaderboardState state, BillingMonth month, int count) =>
        CustomerLeaderboard.Top(state, month, count)!.Customers.Select(s => (s.Customer, s.Total));
}

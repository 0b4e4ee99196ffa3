using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.UnitTests.Customers;

public sealed class CustomerRankingTests
{
    internal static readonly BillingMonth October = new(2026, 10);
    internal static readonly BillingMonth November = new(2026, 11);
    internal static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Top_EqualTotals_OrdersByCustomerIdOrdinal()
    {
        var top = CustomerRanking.Top(
            [Standing("emma", 5.00m), Standing("Olivia", 7.10m), Standing("Emma", 5.00m), Standing("Ava", 5.00m), Standing("Liam", 0.01m)],
            count: 10);

        Assert.Equal([("Olivia", 7.10m), ("Ava", 5.00m), ("Emma", 5.00m), ("emma", 5.00m), ("Liam", 0.01m)], top.Select(s => (s.Customer, s.Total)));
    }

    [Fact]
    public void Top_MoreThanCount_KeepsExactlyTheHighest()
    {
        // 250 customers, totals 0.01 to 2.50 in a scrambled order: the first 100 are 2.50 down to 1.51.
        var standings = Enumerable.Range(1, 250).Select(n => (n * 97) % 250 + 1).Select(n => Standing($"c{n:D3}", n / 100m));

        var top = CustomerRanking.Top(standings, count: 100);

        Assert.Equal(Enumerable.Range(151, 100).Reverse().Select(n => $"c{n:D3}"), top.Select(s => s.Customer));
        Assert.Equal(1.51m, top[^1].Total);
    }

    [Fact]
    public void Top_TiesAtTheCut_KeepsTheFirstIdsInOrdinalOrder()
    {
        var top = CustomerRanking.Top([Standing("Noah", 2m), Standing("Ava", 2m), Standing("Liam", 2m), Standing("Emma", 9m)], count: 3);

        Assert.Equal(["Emma", "Ava", "Liam"], top.Select(s => s.Customer));
    }

    [Fact]
    public void Top_CountZero_IsEmptyAndNegativeIsRefused()
    {
        Assert.Empty(CustomerRanking.Top([Standing("Emma", 1m)], count: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerRanking.Top([Standing("Emma", 1m)], count: -1));
    }

    [Fact]
    public void Current_StaleEntryWithALaterClock_LosesToTheLargerTotal()
    {
        // The customer moved to a silo whose clock is a second behind the old silo's.
        var stale = Standing("Emma", 10.00m, Noon);
        var fresh = Standing("Emma", 12.50m, Noon.AddSeconds(-1));

        Assert.Same(fresh, CustomerRanking.Current(stale, fresh));
        Assert.Same(fresh, CustomerRanking.Current(fresh, stale));
    }

    [Fact]
    public void Current_EqualTotals_IsTheLaterUpdate()
    {
        var earlier = Standing("Emma", 10.00m, Noon);
        var later = Standing("Emma", 10.00m, Noon.AddMinutes(1));

        Assert.Same(later, CustomerRanking.Current(earlier, later));
        Assert.Same(later, CustomerRanking.Current(later, earlier));
    }

    [Fact]
    public void Merge_StaleEntryOfACustomerThatMoved_IsReplacedAndListedOnce()
    {
        CustomerStanding[] kept = [Standing("Emma", 10.00m, Noon), Standing("Olivia", 11.00m, Noon)];

        var merged = CustomerRanking.Merge(kept, [Standing("Emma", 12.00m, Noon.AddMinutes(1))], count: 10);

        Assert.Equal([("Emma", 12.00m), ("Olivia", 11.00m)], merged.Select(s => (s.Customer, s.Total)));
    }

    [Fact]
    public void Merge_StaleEntryReportedAfterTheFreshOne_LeavesTheFreshOne()
    {
        // The old silo's last report arrives after the new silo's.
        CustomerStanding[] kept = [Standing("Emma", 12.00m, Noon.AddMinutes(1)), Standing("Olivia", 11.00m, Noon)];

        var merged = CustomerRanking.Merge(kept, [Standing("Emma", 10.00m, Noon)], count: 10);

        Assert.Equal([("Emma", 12.00m), ("Olivia", 11.00m)], merged.Select(s => (s.Customer, s.Total)));
    }

    internal static CustomerStanding Standing(string customer, decimal total, DateTimeOffset? at = null, BillingMonth? month = null) =>
        new(customer, month ?? November, total, at ?? Noon);
}

using Billing.Grains.Customers;
using Billing.Usage;

namespace Billing.UnitTests.Customers;

public sealed class OpenWindowTallyTests
{
    private static readonly BillingMonth September = new(2026, 9);
    private static readonly BillingMonth October = new(2026, 10);
    private static readonly BillingMonth November = new(2026, 11);

    [Fact]
    public void Count_CustomersReportingMonths_CountsEachMonthsWindowsOldestFirst()
    {
        var state = new CustomerDirectoryState();
        var tally = new OpenWindowTally();

        tally.Report(state, "Emma", [November, October]);
        tally.Report(state, "Olivia", [November]);
        tally.Report(state, "Ava", [October, November]);

        Assert.Equal([new OpenWindowCount(October, 2), new OpenWindowCount(November, 3)], tally.Count());
    }

    [Fact]
    public void Report_MonthsChanged_MovesTheCustomersWindowsAndDropsMonthsNobodyHolds()
    {
        var state = new CustomerDirectoryState();
        var tally = new OpenWindowTally([state]);
        tally.Report(state, "Emma", [September, October]);
        tally.Report(state, "Olivia", [October]);

        // September invoiced for Emma, then November's first event.
        Assert.True(tally.Report(state, "Emma", [October]));
        Assert.True(tally.Report(state, "Emma", [October, November]));

        Assert.Equal([new OpenWindowCount(October, 2), new OpenWindowCount(November, 1)], tally.Count());
        Assert.Equal([October, November], state.OpenMonths["Emma"]);
    }

    [Fact]
    public void Report_Unchanged_ChangesNothingAndNeedsNoWrite()
    {
        var state = new CustomerDirectoryState();
        var tally = new OpenWindowTally();
        Assert.True(tally.Report(state, "Emma", [October, November]));

        Assert.False(tally.Report(state, "Emma", [November, October, November]));
        Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, 1)], tally.Count());
    }

    [Fact]
    public void Report_NoMonths_ListsTheCustomerWithNoWindow()
    {
        var state = new CustomerDirectoryState();
        var tally = new OpenWindowTally([state]);

        Assert.True(tally.Report(state, "Emma", []));
        tally.Report(state, "Olivia", [October]);
        Assert.True(tally.Report(state, "Olivia", []));

        Assert.Empty(tally.Count());
        Assert.Equal(["Emma", "Olivia"], state.Customers.Order(StringComparer.Ordinal));
        Assert.Empty(state.OpenMonths);
    }

    [Fact]
    public void Count_StateReadBack_IsRebuiltAndCustomersWithoutMonthsCountNone()
    {
        // As a directory written before months were kept reads: customers, and months for those that reported since.
        var state = new CustomerDirectoryState { Customers = new(["Emma", "Olivia", "Ava"], StringComparer.Ordinal) };
        state.OpenMonths["Olivia"] = [October, November];
        state.OpenMonths["Ava"] = [November];

        var tally = new OpenWindowTally([state]);

        Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, 2)], tally.Count());
        Assert.True(tally.Report(state, "Emma", [November]));
        Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, 3)], tally.Count());
    }
}

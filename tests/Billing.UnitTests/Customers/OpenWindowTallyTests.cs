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
        var tally = new OpenWindowTally(new CustomerDirectoryState());

        tally.Report("Emma", [November, October]);
        tally.Report("Olivia", [November]);
        tally.Report("Ava", [October, November]);

        Assert.Equal([new OpenWindowCount(October, 2), new OpenWindowCount(November, 3)], tally.Count());
    }

    [Fact]
    public void Report_MonthsChanged_MovesTheCustomersWindowsAndDropsMonthsNobodyHolds()
    {
        var state = new CustomerDirectoryState();
        var tally = new OpenWindowTally(state);
        tally.Report("Emma", [September, October]);
        tally.Report("Olivia", [October]);

        // September invoiced for Emma, then November's first event.
        Assert.True(tally.Report("Emma", [October]));
        Assert.True(tally.Report("Emma", [October, November]));

        Assert.Equal([new OpenWindowCount(October, 2), new OpenWindowCount(November, 1)], tally.Count());
        Assert.Equal([October, November], state.OpenMonths["Emma"]);
    }

    [Fact]
    public void Report_Unchanged_ChangesNothingAndNeedsNoWrite()
    {
        var tally = new OpenWindowTally(new CustomerDirectoryState());
        Assert.True(tally.Report("Emma", [October, November]));

        Assert.False(tally.Report("Emma", [November, October, November]));
        Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, 1)], tally.Count());
    }

    [Fact]
    public void Report_NoMonths_ListsTheCustomerWithNoWindow()
    {
        var state = new CustomerDirectoryState();
        var tally = new OpenWindowTally(state);

        Assert.True(tally.Report("Emma", []));
        tally.Report("Olivia", [October]);
        Assert.True(tally.Report("Olivia", []));

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

        var tally = new OpenWindowTally(state);

        Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, 2)], tally.Count());
        Assert.True(tally.Report("Emma", [November]));
        Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, 3)], tally.Count());
    }
}

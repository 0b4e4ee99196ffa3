using Billing.Grains;
using Billing.Grains.Customers;
using Billing.Usage;

namespace Billing.UnitTests.Customers;

public sealed class DirectoryPagesTests
{
    private static readonly BillingMonth October = new(2026, 10);
    private static readonly BillingMonth November = new(2026, 11);

    [Fact]
    public void Report_NewCustomer_DirtiesOnlyItsPageOnce()
    {
        var pages = new DirectoryPages();

        pages.Report(new CustomerMonths("Emma", [November], November));

        Assert.Equal([CustomerDirectory.PageOf("Emma")], pages.TakeDirty());
        Assert.Empty(pages.TakeDirty());
        Assert.Equal(["Emma"], pages.Page(CustomerDirectory.PageOf("Emma")).Customers);
    }

    [Fact]
    public void Report_SameAgain_DirtiesNothing()
    {
        var pages = new DirectoryPages();
        pages.Report(new CustomerMonths("Emma", [October, November], October));
        pages.TakeDirty();

        pages.Report(new CustomerMonths("Emma", [November, October], October));

        Assert.Empty(pages.TakeDirty());
    }

    [Fact]
    public void Report_OnlyTheNextClosingChanged_DirtiesThePage()
    {
        var pages = new DirectoryPages();
        pages.Report(new CustomerMonths("Emma", [November], November));
        pages.TakeDirty();

        pages.Report(new CustomerMonths("Emma", [November], null));

        Assert.Equal([CustomerDirectory.PageOf("Emma")], pages.TakeDirty());
        Assert.False(pages.AnyDue);
    }

    [Fact]
    public void Shard_AcrossPages_ListsCountsAndFindsDueCustomersOfEveryPage()
    {
        var pages = new DirectoryPages();
        var customers = Enumerable.Range(0, 40).Select(i => $"customer-{i:D2}").ToList();
        Assert.True(customers.Select(CustomerDirectory.PageOf).Distinct().Count() > 1);

        foreach (var customer in customers)
        {
            var october = customer.EndsWith('0');
            pages.Report(new CustomerMonths(customer, october ? [October, November] : [November], october ? October : November));
        }

        Assert.Equal(customers, pages.Customers());
        Assert.Equal([new OpenWindowCount(October, 4), new OpenWindowCount(November, 40)], pages.CountOpenWindows());
        Assert.Equal(["customer-00", "customer-10", "customer-20", "customer-30"], pages.DueThrough(October).Order(StringComparer.Ordinal));
        Assert.Equal(40, pages.DueThrough(November).Count);
        Assert.Empty(pages.DueThrough(null));
        Assert.True(pages.AnyDue);
    }

    [Fact]
    public void Load_StoredPages_AreCountedAndKnown()
    {
        var stored = new CustomerDirectoryState();
        new OpenWindowTally().Report(stored, "Olivia", [October]);
        stored.NextClosing["Olivia"] = October;
        var pages = new DirectoryPages();

        pages.Load(CustomerDirectory.PageOf("Olivia"), stored);
        pages.Report(new CustomerMonths("Emma", [October], October));

        Assert.True(pages.Contains("Olivia"));
        Assert.False(pages.Contains("Ava"));
        Assert.Equal([new OpenWindowCount(October, 2)], pages.CountOpenWindows());
        Assert.Equal(["Emma", "Olivia"], pages.DueThrough(October).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PageOf_HundredThousandCustomers_SpreadsOverThePagesOfEveryShard()
    {
        var perPage = Enumerable.Range(0, 100_000)
            .Select(i => $"customer-{i}")
            .CountBy(customer => (CustomerDirectory.ShardOf(customer), CustomerDirectory.PageOf(customer)))
            .ToList();

        // 100,000 over 16,384 pages is about six a page (a uniform hash leaves about 0.2 % of pages empty): no
        // page may hold a large share of its shard.
        Assert.True(perPage.Count >= CustomerDirectory.ShardCount * CustomerDirectory.PagesPerShard * 99 / 100, $"{perPage.Count} pages used");
        Assert.True(perPage.Max(page => page.Value) <= 30, $"fullest page holds {perPage.Max(page => page.Value)}");
    }
}

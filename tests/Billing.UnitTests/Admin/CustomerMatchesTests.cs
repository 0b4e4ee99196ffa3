using Billing.Web.Admin;

namespace Billing.UnitTests.Admin;

public sealed class CustomerMatchesTests
{
    private static readonly string[] Customers = ["Olivia", "Emma", "emmanuel", "Noah", "a/b"];

    [Fact]
    public void Find_PartOfAnId_MatchesIgnoringCaseInIdOrder()
    {
        var matches = CustomerMatches.Find(Customers, " EMM ", maxShown: 10);

        Assert.Equal(2, matches.Total);
        Assert.Equal(["Emma", "emmanuel"], matches.Shown);
    }

    [Fact]
    public void Find_EmptyQuery_ListsEveryoneUpToTheLimit()
    {
        var matches = CustomerMatches.Find(Customers, "", maxShown: 2);

        Assert.Equal(5, matches.Total);
        Assert.Equal(["Emma", "Noah"], matches.Shown);
    }

    [Fact]
    public void Find_NoMatch_IsEmpty() => Assert.Equal(0, CustomerMatches.Find(Customers, "zed", 10).Total);
}

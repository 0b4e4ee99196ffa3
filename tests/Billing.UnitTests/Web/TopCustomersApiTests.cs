using Billing.Usage;
using Billing.Web.Api;

namespace Billing.UnitTests.Web;

public sealed class TopCustomersApiTests
{
    [Fact]
    public void TryRead_NothingGiven_IsTheLatestMonthsFirstTen()
    {
        Assert.True(TopCustomersQuery.TryRead(null, null, out var query, out _));

        Assert.Equal(new TopCustomersQuery(null, 10), query);
    }

    [Theory]
    [InlineData("2026-09", "1", 2026, 9, 1)]
    [InlineData("2026-12", "100", 2026, 12, 100)]
    [InlineData("2027-01", "007", 2027, 1, 7)]
    public void TryRead_MonthAndCount_AreTaken(string month, string count, int year, int monthOfYear, int expectedCount)
    {
        Assert.True(TopCustomersQuery.TryRead(month, count, out var query, out _));

        Assert.Equal(new TopCustomersQuery(new BillingMonth(year, monthOfYear), expectedCount), query);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("99999999999")]
    public void TryRead_CountOutside1To100_IsRefusedNamingTheRange(string count)
    {
        Assert.False(TopCustomersQuery.TryRead(null, count, out _, out var problem));

        Assert.Equal($"'{count}' is not a count; ask for 1 to 100 customers.", problem);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-9")]
    [InlineData("09-2026")]
    [InlineData("")]
    public void TryRead_MalformedMonth_IsRefusedWithTheFormat(string month)
    {
        Assert.False(TopCustomersQuery.TryRead(month, "5", out _, out var problem));

        Assert.Equal($"'{month}' is not a month; write it yyyy-MM, for example 2026-09.", problem);
    }

    [Fact]
    public void Response_Standings_CarryTotalsAsStringsWithTwoDigits()
    {
        var at = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var month = new BillingMonth(2026, 11);

        var response = TopCustomersResponse.From(new MonthStandings(month, [new("Emma", month, 1234.5m, at), new("Ava", month, 0.01m, at)]), "EUR");

        Assert.Equal("2026-11", response.Month);
        Assert.Equal("EUR", response.Currency);
        Assert.Equal([new CustomerStandingResponse("Emma", "1234.50", at), new CustomerStandingResponse("Ava", "0.01", at)], response.Customers);
        var none = TopCustomersResponse.From(null, "EUR");
        Assert.Null(none.Month);
        Assert.Empty(none.Customers);
    }
}

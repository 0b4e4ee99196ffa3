using Billing.Usage;

namespace Billing.UnitTests.Domain;

public sealed class BillingMonthTests
{
    [Fact]
    public void Of_InstantWithOffset_IsTheUtcCalendarMonth()
    {
        // 00:30 on 1 December in Berlin is still 30 November in UTC.
        var time = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal(new BillingMonth(2026, 11), BillingMonth.Of(time));
    }

    [Fact]
    public void StartAndEnd_February_CoverTheCalendarMonth()
    {
        var february = new BillingMonth(2028, 2);

        Assert.Equal(new DateTimeOffset(2028, 2, 1, 0, 0, 0, TimeSpan.Zero), february.Start);
        Assert.Equal(new DateTimeOffset(2028, 3, 1, 0, 0, 0, TimeSpan.Zero), february.End);
        Assert.Equal(new BillingMonth(2028, 2), BillingMonth.Of(february.End.AddTicks(-1)));
        Assert.Equal(new BillingMonth(2028, 3), BillingMonth.Of(february.End));
    }

    [Fact]
    public void Next_December_IsJanuaryOfTheNextYear() =>
        Assert.Equal(new BillingMonth(2027, 1), new BillingMonth(2026, 12).Next());

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("1970-01", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-1", false)]
    [InlineData("26-11", false)]
    [InlineData("2026/11", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParse_Text_AcceptsOnlyYyyyMm(string? text, bool valid)
    {
        Assert.Equal(valid, BillingMonth.TryParse(text, out var month));
        if (valid)
        {
            Assert.Equal(text, month.ToString());
        }
    }

    [Fact]
    public void CompareTo_OrdersByYearThenMonth()
    {
        Assert.True(new BillingMonth(2025, 12) < new BillingMonth(2026, 1));
        Assert.True(new BillingMonth(2026, 2) > new BillingMonth(2026, 1));
    }
}

using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.UnitTests.Domain;

public sealed class MonthClosingTests
{
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);

    [Fact]
    public void Deadline_IsTheEndOfTheMonthPlusTheLateness() =>
        Assert.Equal(
            DateTimeOffset.Parse("2026-10-04T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            MonthClosing.Deadline(new BillingMonth(2026, 9), ThreeDays));

    [Theory]
    [InlineData("2026-10-03T23:59:59.999Z", "2026-08")]
    [InlineData("2026-10-04T00:00:00Z", "2026-09")]
    [InlineData("2026-11-03T23:59:59Z", "2026-09")]
    [InlineData("2026-11-04T00:00:00Z", "2026-10")]
    [InlineData("2027-01-04T00:00:00Z", "2026-12")]
    public void ClosedThrough_WatermarkAroundTheDeadline_ClosesTheMonthExactlyAtIt(string watermark, string closed) =>
        Assert.Equal(
            closed,
            MonthClosing.ClosedThrough(DateTimeOffset.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture), ThreeDays)?.ToString());

    [Fact]
    public void ClosedThrough_NoWatermark_IsNull() => Assert.Null(MonthClosing.ClosedThrough(null, ThreeDays));

    [Fact]
    public void ClosedThrough_ZeroLateness_ClosesAtTheMonthEnd() =>
        Assert.Equal(
            new BillingMonth(2026, 9),
            MonthClosing.ClosedThrough(new BillingMonth(2026, 10).Start, TimeSpan.Zero));
}

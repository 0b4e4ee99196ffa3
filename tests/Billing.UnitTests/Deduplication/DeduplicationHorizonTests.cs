using Billing.Grains.Deduplication;
using Billing.Usage;

namespace Billing.UnitTests.Deduplication;

public sealed class DeduplicationHorizonTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(35);

    [Fact]
    public void KeepFrom_NoWatermark_KeepsEveryMonth() => Assert.Null(DeduplicationHorizon.KeepFrom(null, Horizon));

    [Fact]
    public void KeepFrom_HorizonNotYetPastTheMonthsEnd_KeepsTheMonth() =>
        // November ends 2026-12-01; 35 days later is 2027-01-05.
        Assert.Equal(new BillingMonth(2026, 11), DeduplicationHorizon.KeepFrom(At("2027-01-04T23:59:59Z"), Horizon));

    [Fact]
    public void KeepFrom_HorizonPastTheMonthsEnd_ForgetsTheMonth() =>
        Assert.Equal(new BillingMonth(2026, 12), DeduplicationHorizon.KeepFrom(At("2027-01-05T00:00:00Z"), Horizon));

    [Fact]
    public void KeepFrom_HugeHorizon_KeepsEveryMonthWithoutOverflow() =>
        Assert.Null(DeduplicationHorizon.KeepFrom(At("2027-01-05T00:00:00Z"), TimeSpan.MaxValue));

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
}

using Billing.Grains.Ingestion;
using Billing.Records;

namespace Billing.UnitTests.Ingestion;

public sealed class EventTimePlausibilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly EventTimePlausibility Defaults = new(MaxFutureSkew: TimeSpan.FromHours(1), MaxAge: TimeSpan.FromDays(400));

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(-60 * 24 * 400)]
    [InlineData(-60 * 24 * 365)]
    public void Check_WithinTheBounds_IsPlausible(int minutesFromNow) =>
        Assert.Null(Defaults.Check(Now.AddMinutes(minutesFromNow), Now));

    [Fact]
    public void Check_AYearAhead_IsImplausibleNamingTheBoundAndTheClock()
    {
        var rejection = Defaults.Check(Now.AddYears(1), Now);

        Assert.Equal(RejectionReason.ImplausibleTime, rejection!.Reason);
        Assert.Equal("implausible-time", rejection.Code);
        Assert.Equal(
            "time 2027-12-07T12:00:00.000Z is more than 01:00:00 ahead of the processing clock (2026-12-07T12:00:00.000Z)",
            rejection.Detail);
    }

    [Fact]
    public void Check_JustPastTheSkew_IsImplausible() =>
        Assert.NotNull(Defaults.Check(Now.AddHours(1).AddMilliseconds(1), Now));

    [Fact]
    public void Check_SecondsWrittenAsMilliseconds_IsImplausible()
    {
        // 1,796,644,800 s is 2026-12-07T12:00Z; read as milliseconds it is 1970-01-21.
        var rejection = Defaults.Check(DateTimeOffset.FromUnixTimeMilliseconds(1_796_644_800), Now);

        Assert.Equal(RejectionReason.ImplausibleTime, rejection!.Reason);
        Assert.StartsWith("time 1970-01-21T19:04:04.800Z is more than 400.00:00:00 older than the processing clock", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_JustPastTheMaximumAge_IsImplausible() =>
        Assert.NotNull(Defaults.Check(Now.AddDays(-400).AddMilliseconds(-1), Now));

    [Fact]
    public void Check_BoundsAsLargeAsTimeSpanAllows_DoNotOverflow()
    {
        var open = new EventTimePlausibility(TimeSpan.MaxValue, TimeSpan.MaxValue);

        Assert.Null(open.Check(DateTimeOffset.UnixEpoch, Now));
        Assert.Null(open.Check(new DateTimeOffset(2199, 12, 31, 0, 0, 0, TimeSpan.Zero), Now));
    }
}

using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>
/// When months close in event time: month M closes once the watermark reaches the end of M plus the allowed
/// lateness. The watermark never moves back, so months close in calendar order.
/// </summary>
public static class MonthClosing
{
    /// <summary>The watermark at which <paramref name="month"/> closes.</summary>
    public static DateTimeOffset Deadline(BillingMonth month, TimeSpan allowedLateness) => month.End + allowedLateness;

    /// <summary>The latest month closed at <paramref name="watermark"/>, or null when none is.</summary>
    public static BillingMonth? ClosedThrough(DateTimeOffset? watermark, TimeSpan allowedLateness)
    {
        if (watermark is not { } mark || mark - DateTimeOffset.MinValue <= allowedLateness + TimeSpan.FromDays(62))
        {
            return null;
        }

        // The month holding (watermark − lateness) has not reached its deadline; the one before it has.
        return BillingMonth.Of(mark - allowedLateness).Previous();
    }
}

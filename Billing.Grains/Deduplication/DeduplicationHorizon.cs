using Billing.Usage;

namespace Billing.Grains.Deduplication;

/// <summary>Which months' event ids are kept: those that ended less than the horizon before the watermark.</summary>
public static class DeduplicationHorizon
{
    /// <summary>
    /// The first month whose ids are kept at <paramref name="watermark"/>: a month is forgotten once the watermark
    /// is <paramref name="horizon"/> past its end. Null (keep every month) before any watermark.
    /// </summary>
    public static BillingMonth? KeepFrom(DateTimeOffset? watermark, TimeSpan horizon)
    {
        if (watermark is not { } mark)
        {
            return null;
        }

        // A difference, not a sum: the horizon may be as large as TimeSpan allows.
        return mark - DateTimeOffset.MinValue - TimeSpan.FromDays(62) <= horizon
            ? null
            : BillingMonth.Of(mark - horizon);
    }
}

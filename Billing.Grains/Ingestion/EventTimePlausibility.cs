using System.Globalization;
using Billing.Records;

namespace Billing.Grains.Ingestion;

/// <summary>
/// Decides whether a valid record's event time is plausible against the processing clock: not more than
/// <see cref="MaxFutureSkew"/> ahead of it, and not older than <see cref="MaxAge"/>. A record outside these bounds
/// comes from a wrong clock (a producer a year ahead, seconds written where milliseconds belong) and is
/// dead-lettered as <c>implausible-time</c> before it can move any watermark.
/// </summary>
/// <param name="MaxFutureSkew">How far ahead of the processing clock an event time may be (inclusive).</param>
/// <param name="MaxAge">How far behind the processing clock an event time may be (inclusive).</param>
public sealed record EventTimePlausibility(TimeSpan MaxFutureSkew, TimeSpan MaxAge)
{
    /// <summary>Why <paramref name="eventTime"/> is implausible at <paramref name="processingNow"/>, or null when it is plausible.</summary>
    public RecordRejection? Check(DateTimeOffset eventTime, DateTimeOffset processingNow)
    {
        // Differences, not sums: a bound as large as TimeSpan allows must not overflow a DateTimeOffset.
        var ahead = eventTime - processingNow;
        if (ahead > MaxFutureSkew)
        {
            return Rejection(eventTime, string.Create(CultureInfo.InvariantCulture,
                $"is more than {MaxFutureSkew:c} ahead of the processing clock ({Text(processingNow)})"));
        }

        return -ahead > MaxAge
            ? Rejection(eventTime, string.Create(CultureInfo.InvariantCulture,
                $"is more than {MaxAge:c} older than the processing clock ({Text(processingNow)})"))
            : null;
    }

    private static RecordRejection Rejection(DateTimeOffset eventTime, string problem) =>
        new(RejectionReason.ImplausibleTime, $"time {Text(eventTime)} {problem}");

    private static string Text(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

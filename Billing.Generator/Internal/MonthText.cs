using System.Globalization;

namespace Billing.Generator.Internal;

/// <summary>Calendar months (UTC) as <c>yyyy-MM</c> text and as the instant they start.</summary>
internal static class MonthText
{
    /// <summary>Earliest start month: the record codec refuses event times before 1970.</summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Latest start month: the record codec refuses event times from 2200 on.</summary>
    public static readonly DateTimeOffset Latest = new(2199, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool TryParse(string? text, out DateTimeOffset monthStart)
    {
        monthStart = default;
        if (text is not { Length: 7 }
            || !DateTime.TryParseExact(text, "yyyy'-'MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        monthStart = new DateTimeOffset(parsed.Year, parsed.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return true;
    }

    public static string Format(DateTimeOffset monthStart) =>
        monthStart.UtcDateTime.ToString("yyyy'-'MM", CultureInfo.InvariantCulture);

    /// <summary>The start of the calendar month (UTC) that holds <paramref name="time"/>.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}

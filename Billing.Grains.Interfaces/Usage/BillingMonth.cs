using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Billing.Usage;

/// <summary>A calendar month in UTC, the billing window. Written <c>yyyy-MM</c>.</summary>
/// <param name="Year">The year, 1–9999.</param>
/// <param name="Month">The month, 1–12.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.month")]
public readonly record struct BillingMonth([property: Id(0)] int Year, [property: Id(1)] int Month) : IComparable<BillingMonth>
{
    /// <summary>The month an instant falls in, in UTC.</summary>
    public static BillingMonth Of(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new BillingMonth(utc.Year, utc.Month);
    }

    /// <summary>The first instant of the month.</summary>
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant after the month: the start of the next one.</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    /// <summary>The month after this one.</summary>
    public BillingMonth Next() => Of(End);

    /// <summary>The month before this one.</summary>
    public BillingMonth Previous() => Of(Start.AddTicks(-1));

    /// <summary>Parses <c>yyyy-MM</c> exactly.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BillingMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        month = new BillingMonth(parsed.Year, parsed.Month);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(BillingMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    /// <summary>Whether <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
    public static bool operator <(BillingMonth left, BillingMonth right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is later than <paramref name="right"/>.</summary>
    public static bool operator >(BillingMonth left, BillingMonth right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is earlier than or the same as <paramref name="right"/>.</summary>
    public static bool operator <=(BillingMonth left, BillingMonth right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is later than or the same as <paramref name="right"/>.</summary>
    public static bool operator >=(BillingMonth left, BillingMonth right) => left.CompareTo(right) >= 0;

    /// <summary><c>yyyy-MM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}

namespace Billing.Records;

/// <summary>
/// Reads an ISO-8601 instant in extended format with an explicit offset:
/// <c>yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:mm)</c>, with 1 to 9 fraction digits (beyond 100 ns they are dropped).
/// </summary>
/// <remarks>
/// Hand-written rather than <c>DateTimeOffset.TryParseExact</c> so that it reads UTF-8 without allocating and refuses a local time without an offset, which would be ambiguous.
/// </remarks>
internal static class IsoInstant
{
    private const int DateTimeLength = 19; // yyyy-MM-ddTHH:mm:ss
    private const int MaxFractionDigits = 9;
    private const int TickDigits = 7;

    /// <summary>Reads <paramref name="text"/> as a UTC instant.</summary>
    public static TimeParseStatus TryParse(ReadOnlySpan<byte> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length <= DateTimeLength
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryNumber(text[..4], out var year) || !TryNumber(text[5..7], out var month)
            || !TryNumber(text[8..10], out var day) || !TryNumber(text[11..13], out var hour)
            || !TryNumber(text[14..16], out var minute) || !TryNumber(text[17..19], out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return TimeParseStatus.Invalid;
        }

        var rest = text[DateTimeLength..];
        if (!TryFraction(ref rest, out var fractionTicks) || !TryOffset(rest, out var offsetMinutes))
        {
            return TimeParseStatus.Invalid;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = localTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return TimeParseStatus.OutOfRange;
        }

        time = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return TimeParseStatus.Ok;
    }

    private static bool TryFraction(ref ReadOnlySpan<byte> rest, out long ticks)
    {
        ticks = 0;
        if (rest[0] != '.')
        {
            return true;
        }

        var digits = rest[1..];
        var count = digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        count = count < 0 ? digits.Length : count;
        if (count is 0 or > MaxFractionDigits)
        {
            return false;
        }

        for (var i = 0; i < TickDigits; i++)
        {
            ticks = (ticks * 10) + (i < count ? digits[i] - '0' : 0);
        }

        rest = digits[count..];
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<byte> rest, out int minutes)
    {
        minutes = 0;
        if (rest is [(byte)'Z'])
        {
            return true;
        }

        if (rest.Length != 6 || rest[0] is not ((byte)'+' or (byte)'-') || rest[3] != ':'
            || !TryNumber(rest[1..3], out var hours) || !TryNumber(rest[4..6], out var mins) || hours > 23 || mins > 59)
        {
            return false;
        }

        minutes = (rest[0] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}

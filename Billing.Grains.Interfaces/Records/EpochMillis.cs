namespace Billing.Records;

/// <summary>Reads epoch milliseconds: an optional '-' and at least one ASCII digit, nothing else.</summary>
internal static class EpochMillis
{
    private static readonly long MinMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    // 18 digits always fit a long; anything longer is far outside DateTimeOffset anyway.
    private const int MaxDigits = 18;

    /// <summary>Whether <paramref name="text"/> is spelled as epoch milliseconds (whatever its range).</summary>
    public static bool IsMillis(ReadOnlySpan<byte> text)
    {
        var digits = !text.IsEmpty && text[0] == '-' ? text[1..] : text;
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    /// <summary>Reads epoch milliseconds as a UTC instant.</summary>
    public static TimeParseStatus TryParse(ReadOnlySpan<byte> text, out DateTimeOffset time)
    {
        time = default;
        if (!IsMillis(text))
        {
            return TimeParseStatus.Invalid;
        }

        var negative = text[0] == '-';
        var digits = (negative ? text[1..] : text).TrimStart((byte)'0');
        if (digits.Length > MaxDigits)
        {
            return TimeParseStatus.OutOfRange;
        }

        long millis = 0;
        foreach (var digit in digits)
        {
            millis = (millis * 10) + (digit - '0');
        }

        millis = negative ? -millis : millis;
        if (millis < MinMillis || millis > MaxMillis)
        {
            return TimeParseStatus.OutOfRange;
        }

        time = DateTimeOffset.FromUnixTimeMilliseconds(millis);
        return TimeParseStatus.Ok;
    }
}

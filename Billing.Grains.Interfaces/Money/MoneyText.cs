using System.Globalization;
using System.Numerics;

namespace Billing.Money;

/// <summary>
/// Money as text: the exact, culture-invariant form in which amounts travel (<c>"100.00"</c>).
/// </summary>
/// <remarks>
/// Amounts are never rounded here: parsing rejects text with more minor digits than the currency has, and
/// formatting rejects an amount that would need rounding, so text and <see cref="decimal"/> always agree.
/// </remarks>
public static class MoneyText
{
    /// <summary>The largest number of minor digits supported; <see cref="decimal"/> holds 28 significant digits.</summary>
    public const int MaxMinorDigits = 8;

    // A decimal's 96-bit mantissa holds every 28-digit number.
    private const int MaxSignificantDigits = 28;

    private static readonly string[] Formats =
        Enumerable.Range(0, MaxMinorDigits + 1).Select(d => "F" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Formats <paramref name="amount"/> with exactly <paramref name="minorDigits"/> decimals, invariant culture:
    /// <c>100</c> with 2 minor digits gives <c>"100.00"</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="minorDigits"/> is outside 0..<see cref="MaxMinorDigits"/>.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="amount"/> has more significant decimals than that.</exception>
    public static string Format(decimal amount, int minorDigits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minorDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minorDigits, MaxMinorDigits);
        if (decimal.Round(amount, minorDigits) != amount)
        {
            throw new ArgumentException($"The amount has more than {minorDigits} decimals; money is never rounded silently.", nameof(amount));
        }

        return amount.ToString(Formats[minorDigits], CultureInfo.InvariantCulture);
    }

    /// <summary>Strictly parses a positive amount with at most <paramref name="minorDigits"/> decimals.</summary>
    /// <param name="text">The text, e.g. <c>"3.57"</c>, <c>"3.5"</c> or <c>"3"</c>.</param>
    /// <param name="minorDigits">The currency's minor digits, 0..<see cref="MaxMinorDigits"/>.</param>
    /// <param name="amount">The amount, with scale <paramref name="minorDigits"/>; zero on failure.</param>
    /// <returns><see cref="MoneyTextError.None"/>, or why the text is not a valid amount.</returns>
    public static MoneyTextError TryParse(ReadOnlySpan<char> text, int minorDigits, out decimal amount) =>
        Parse(text, minorDigits, out amount);

    /// <summary>Strictly parses UTF-8 text as <see cref="TryParse(ReadOnlySpan{char}, int, out decimal)"/> does.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="minorDigits">The currency's minor digits, 0..<see cref="MaxMinorDigits"/>.</param>
    /// <param name="amount">The amount, with scale <paramref name="minorDigits"/>; zero on failure.</param>
    /// <returns><see cref="MoneyTextError.None"/>, or why the text is not a valid amount.</returns>
    public static MoneyTextError TryParse(ReadOnlySpan<byte> utf8Text, int minorDigits, out decimal amount) =>
        Parse(utf8Text, minorDigits, out amount);

    // One implementation for chars and UTF-8 bytes: every accepted character is ASCII.
    private static MoneyTextError Parse<TChar>(ReadOnlySpan<TChar> text, int minorDigits, out decimal amount)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minorDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minorDigits, MaxMinorDigits);
        amount = 0m;
        if (text.IsEmpty)
        {
            return MoneyTextError.Empty;
        }

        var negative = int.CreateTruncating(text[0]) == '-';
        var digits = negative ? text[1..] : text;
        var point = digits.IndexOf(TChar.CreateTruncating('.'));
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction))
        {
            return MoneyTextError.NotPlainDecimal;
        }

        if (fraction.Length > minorDigits)
        {
            return MoneyTextError.TooManyMinorDigits;
        }

        // Leading zeros carry no value; what remains must fit the mantissa once scaled to minorDigits.
        var significantWhole = whole.TrimStart(TChar.CreateTruncating('0'));
        if (significantWhole.Length + minorDigits > MaxSignificantDigits)
        {
            return negative ? MoneyTextError.NotPositive : MoneyTextError.TooLarge;
        }

        UInt128 mantissa = 0;
        mantissa = Accumulate(mantissa, significantWhole);
        mantissa = Accumulate(mantissa, fraction);
        for (var i = fraction.Length; i < minorDigits; i++)
        {
            mantissa *= 10;
        }

        if (negative || mantissa == 0)
        {
            return MoneyTextError.NotPositive;
        }

        amount = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), false, (byte)minorDigits);
        return MoneyTextError.None;
    }

    private static bool AllDigits<TChar>(ReadOnlySpan<TChar> text)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit((char)ushort.CreateTruncating(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static UInt128 Accumulate<TChar>(UInt128 mantissa, ReadOnlySpan<TChar> digits)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        foreach (var c in digits)
        {
            mantissa = (mantissa * 10) + UInt128.CreateTruncating(c - TChar.CreateTruncating('0'));
        }

        return mantissa;
    }
}

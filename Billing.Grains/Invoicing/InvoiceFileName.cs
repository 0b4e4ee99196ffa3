using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Grains.Invoicing;

/// <summary>
/// The file name (without extension) of a customer's invoice files: safe on any file system, deterministic,
/// and different for different customers.
/// </summary>
/// <remarks>
/// ASCII letters, digits, <c>_</c> and <c>-</c> and non-ASCII letters stay; every other character (<c>.</c>,
/// <c>/</c>, <c>\</c>, <c>%</c>, spaces, marks, symbols) becomes its UTF-8 bytes as <c>%XX</c>. That encoding
/// is reversible, so distinct ids get distinct names (<c>a/b</c> → <c>a%2Fb</c>, <c>a%2Fb</c> → <c>a%252Fb</c>).
/// A name longer than <see cref="MaxBytes"/> UTF-8 bytes is cut at a character boundary and ends in
/// <c>~</c> and a SHA-256 prefix of the whole id; <c>~</c> never appears otherwise, so a cut name never
/// equals an uncut one. Names are case-sensitive, as customer ids are: a case-insensitive file system
/// (not the Linux deployments) could fold two customers into one file.
/// </remarks>
public static class InvoiceFileName
{
    /// <summary>The longest name in UTF-8 bytes, leaving room for extensions and temporary suffixes under 255.</summary>
    public const int MaxBytes = 150;

    private const int HashHexDigits = 32;

    private static readonly SearchValues<char> KeptAscii =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>The file name of <paramref name="customer"/>'s invoices.</summary>
    /// <exception cref="ArgumentException"><paramref name="customer"/> is empty or not well-formed UTF-16.</exception>
    public static string For(string customer)
    {
        ArgumentException.ThrowIfNullOrEmpty(customer);
        var name = new StringBuilder(customer.Length);
        var bytes = 0;
        var cut = -1;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in Runes(customer))
        {
            var before = name.Length;
            if (rune.IsAscii ? KeptAscii.Contains((char)rune.Value) : Rune.IsLetter(rune))
            {
                name.Append(rune.ToString());
                bytes += rune.Utf8SequenceLength;
            }
            else
            {
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                {
                    name.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                    bytes += 3;
                }
            }

            // Where a cut name would end: before the first character that leaves no room for "~" and the hash.
            if (cut < 0 && bytes > MaxBytes - 1 - HashHexDigits)
            {
                cut = before;
            }
        }

        if (bytes <= MaxBytes)
        {
            return name.ToString();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(customer)))[..HashHexDigits];
        return name.ToString(0, cut) + "~" + hash;
    }

    private static IEnumerable<Rune> Runes(string customer)
    {
        var index = 0;
        while (index < customer.Length)
        {
            if (Rune.DecodeFromUtf16(customer.AsSpan(index), out var rune, out var consumed) != OperationStatus.Done)
            {
                throw new ArgumentException("The customer id is not well-formed UTF-16 (an unpaired surrogate).", nameof(customer));
            }

            yield return rune;
            index += consumed;
        }
    }
}

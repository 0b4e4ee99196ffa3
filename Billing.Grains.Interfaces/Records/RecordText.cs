using System.Globalization;
using System.Text;

namespace Billing.Records;

/// <summary>Quotes offending values for rejection details: short, and safe to put in a header or a log line.</summary>
internal static class RecordText
{
    private const int MaxQuotedChars = 40;

    /// <summary>Quotes valid UTF-8 <paramref name="utf8"/> as <c>'value'</c>, truncated with an ellipsis.</summary>
    public static string Quote(ReadOnlySpan<byte> utf8)
    {
        // Decoding only a prefix keeps a huge field from costing more than a short one.
        var prefix = utf8[..Math.Min(utf8.Length, MaxQuotedChars * 4)];
        return Quote(Encoding.UTF8.GetString(prefix), prefix.Length < utf8.Length);
    }

    /// <summary>Quotes <paramref name="text"/> as <c>'value'</c>, truncated with an ellipsis.</summary>
    public static string Quote(string text, bool truncated = false)
    {
        var length = Math.Min(text.Length, MaxQuotedChars);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        var quoted = new StringBuilder(length + 8).Append('\'');
        foreach (var c in text.AsSpan(0, length))
        {
            // Control characters would break a log line or a header; show them escaped instead.
            if (char.IsControl(c))
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                quoted.Append(c);
            }
        }

        quoted.Append('\'');
        return truncated || length < text.Length ? quoted.Append('…').ToString() : quoted.ToString();
    }
}

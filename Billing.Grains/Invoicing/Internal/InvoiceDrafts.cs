using System.Buffers;
using System.Text;
using Billing.Invoices;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>What both invoice stores check and normalize before a draft is issued, so they answer alike.</summary>
internal static class InvoiceDrafts
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>The key of <paramref name="draft"/>.</summary>
    public static InvoiceKey KeyOf(InvoiceDraft draft) => new(draft.Customer, draft.Month);

    /// <summary>
    /// Rejects a draft no store could keep: a missing or empty customer or currency, text PostgreSQL cannot
    /// hold (NUL, unpaired surrogates), a month outside 0001-01..9999-12. Checked per caller, so one bad draft
    /// fails alone instead of failing a whole batch.
    /// </summary>
    public static void Validate(InvoiceDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ValidateText(draft.Customer, "customer");
        ValidateText(draft.Currency, "currency");
        ArgumentNullException.ThrowIfNull(draft.Lines);
        ArgumentNullException.ThrowIfNull(draft.Adjustments);
        if (draft.Month.Year is < 1 or > 9999 || draft.Month.Month is < 1 or > 12)
        {
            throw new ArgumentException("The draft's month is not a calendar month.", nameof(draft));
        }

        if (draft.Lines.Any(line => line is null) || draft.Adjustments.Any(adjustment => adjustment is null))
        {
            throw new ArgumentException("The draft has a null line or adjustment.", nameof(draft));
        }

        try
        {
            _ = draft.Total;
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("The draft's total does not fit a decimal.", nameof(draft), e);
        }
    }

    /// <summary>
    /// The draft as stored: the issue time in UTC, truncated to whole microseconds (PostgreSQL's precision), so
    /// the invoice a store returns when issuing equals the one it reads back later.
    /// </summary>
    public static InvoiceDraft Normalize(InvoiceDraft draft)
    {
        var utc = draft.IssuedAt.ToUniversalTime();
        var truncated = new DateTimeOffset(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), TimeSpan.Zero);
        return truncated == draft.IssuedAt && draft.IssuedAt.Offset == TimeSpan.Zero ? draft : draft with { IssuedAt = truncated };
    }

    private static void ValidateText(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The draft's {what} is missing.", nameof(value));
        }

        if (value.Contains('\0', StringComparison.Ordinal) || !IsWellFormed(value))
        {
            throw new ArgumentException($"The draft's {what} is not valid text (NUL or an unpaired surrogate).", nameof(value));
        }
    }

    // Every surrogate paired: PostgreSQL stores UTF-8, and Npgsql refuses to encode a lone surrogate.
    private static bool IsWellFormed(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}

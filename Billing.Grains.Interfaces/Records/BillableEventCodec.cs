using System.Text;
using System.Text.Unicode;
using Billing.Events;
using Billing.Money;

namespace Billing.Records;

/// <summary>
/// Reads and writes the values and keys of Kafka records on the incoming topic. A value starting with '{' or
/// '[' (after optional JSON white space) is JSON, anything else the prototype's CSV. Decoding never throws: every bad input becomes a
/// <see cref="RecordRejection"/>, so one bad record can never block its partition.
/// </summary>
/// <remarks>Thread-safe: an instance holds only its immutable configuration.</remarks>
public sealed class BillableEventCodec
{
    private readonly RecordValidator _validator;

    /// <summary>Creates a codec that accepts what <paramref name="options"/> allows.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public BillableEventCodec(RecordCodecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.Currency is { Length: 3 } c && c.All(char.IsAsciiLetterUpper), nameof(options.Currency), "an upper-case ISO 4217 code");
        Check(options.MinorDigits is >= 0 and <= MoneyText.MaxMinorDigits, nameof(options.MinorDigits), $"between 0 and {MoneyText.MaxMinorDigits}");
        Check(options.MaxAmount > 0, nameof(options.MaxAmount), "positive");
        Check(options.EarliestTime < options.LatestTime, nameof(options.EarliestTime), "before LatestTime");
        Check(options.MaxCustomerLength > 0, nameof(options.MaxCustomerLength), "positive");

        // A copy, so that changing the options object later cannot change a codec in use.
        _validator = new RecordValidator(new RecordCodecOptions
        {
            Currency = options.Currency,
            MinorDigits = options.MinorDigits,
            MaxAmount = options.MaxAmount,
            EarliestTime = options.EarliestTime,
            LatestTime = options.LatestTime,
            MaxCustomerLength = options.MaxCustomerLength,
        });
    }

    /// <summary>Decodes a record; a <see langword="null"/> key means the record has none.</summary>
    /// <param name="key">The record key (the customer id, UTF-8), or <see langword="null"/>.</param>
    /// <param name="value">The record value, or <see langword="null"/>.</param>
    public DecodeResult Decode(byte[]? key, byte[]? value) => Decode(value, key, key is not null);

    /// <summary>Decodes a record without copying it out of the consumer's buffers.</summary>
    /// <param name="value">The record value; empty when the record has none.</param>
    /// <param name="key">The record key (the customer id, UTF-8).</param>
    /// <param name="hasKey">
    /// Whether the record has a key. An empty key counts as none: some producers send it for "no key".
    /// </param>
    public DecodeResult Decode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> key, bool hasKey)
    {
        if (value.IsEmpty)
        {
            return DecodeResult.Rejected(RejectionReason.EmptyRecord, "the value is absent or empty");
        }

        if (hasKey && !Utf8.IsValid(key))
        {
            return DecodeResult.Rejected(RejectionReason.InvalidUtf8, "the key is not valid UTF-8");
        }

        if (!Utf8.IsValid(value))
        {
            return DecodeResult.Rejected(RejectionReason.InvalidUtf8, "the value is not valid UTF-8");
        }

        // A byte-order mark is refused in the format it introduces, so the dead letter says what was guessed.
        if (value.StartsWith(Utf8ByteOrderMark))
        {
            return LooksLikeJson(value[Utf8ByteOrderMark.Length..])
                ? DecodeResult.Rejected(RejectionReason.MalformedJson, "the value starts with a UTF-8 byte-order mark; send JSON without one")
                : DecodeResult.Rejected(RejectionReason.MalformedCsv, "the value starts with a UTF-8 byte-order mark; send CSV without one");
        }

        var keyOnly = new RecordFields { Key = key, HasKey = hasKey && !key.IsEmpty };
        return LooksLikeJson(value)
            ? JsonRecordParser.Parse(value, keyOnly, _validator)
            : CsvRecordParser.Parse(value, keyOnly, _validator);
    }

    /// <summary>Writes <paramref name="e"/> as the prototype's CSV: <c>timestampMs,customer,amount,TYPE</c>.</summary>
    /// <param name="e">The event; its id is not written, CSV has no place for it.</param>
    /// <param name="minorDigits">The decimals the amount is written with.</param>
    /// <exception cref="ArgumentException">The customer contains ',' or a line break, or the amount has more decimals.</exception>
    public static byte[] EncodeCsv(BillableEvent e, int minorDigits = 2) => RecordEncoder.Csv(e, minorDigits);

    /// <summary>
    /// Writes <paramref name="e"/> as JSON: id (only when present), customer, type, amount as a string, currency, and
    /// time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="currency">The billing currency code to write.</param>
    /// <param name="minorDigits">The decimals the amount is written with.</param>
    /// <exception cref="ArgumentException">The amount has more decimals than <paramref name="minorDigits"/>.</exception>
    public static byte[] EncodeJson(BillableEvent e, string currency, int minorDigits = 2) => RecordEncoder.Json(e, currency, minorDigits);

    /// <summary>Writes a customer id as a record key (UTF-8).</summary>
    public static byte[] EncodeKey(string customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Encoding.UTF8.GetBytes(customer);
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// JSON is a value whose first byte other than JSON white space opens an object or an array: no CSV record
    /// starts with either (its first field is epoch milliseconds), so an array is refused as JSON, not as CSV.
    /// </summary>
    private static bool LooksLikeJson(ReadOnlySpan<byte> value)
    {
        var start = value.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && value[start] is (byte)'{' or (byte)'[';
    }

    private static void Check(bool valid, string option, string expected)
    {
        if (!valid)
        {
            throw new ArgumentException($"{nameof(RecordCodecOptions)}.{option} must be {expected}.", option);
        }
    }
}

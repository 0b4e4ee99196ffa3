using System.Globalization;
using System.Text;
using Billing.Events;
using Billing.Money;

namespace Billing.Records;

/// <summary>
/// Turns the raw fields of a record, whatever its format, into an event or a rejection: the rules both formats share.
/// </summary>
internal sealed class RecordValidator
{
    private readonly RecordCodecOptions _options;
    private readonly byte[] _currency;
    private readonly string _timeRange;
    private readonly string _maxAmount;

    public RecordValidator(RecordCodecOptions options)
    {
        _options = options;
        _currency = Encoding.UTF8.GetBytes(options.Currency);
        _maxAmount = options.MaxAmount.ToString(CultureInfo.InvariantCulture);
        _timeRange = string.Create(
            CultureInfo.InvariantCulture,
            $"[{options.EarliestTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}, {options.LatestTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ})");
    }

    public DecodeResult Validate(scoped in RecordFields fields)
    {
        if (FirstEmptyField(fields) is { } empty)
        {
            return DecodeResult.Rejected(RejectionReason.EmptyField, $"field '{empty}' is empty");
        }

        var customer = Encoding.UTF8.GetString(fields.Customer);
        if (CustomerIds.Problem(customer, _options.MaxCustomerLength) is { } problem)
        {
            return DecodeResult.Rejected(RejectionReason.InvalidCustomer, $"customer {RecordText.Quote(customer)} {problem}");
        }

        // UTF-8 is compared byte for byte, which for valid UTF-8 is the same as ordinal string comparison.
        if (fields.HasKey && !fields.Key.SequenceEqual(fields.Customer))
        {
            return DecodeResult.Rejected(
                RejectionReason.CustomerMismatch,
                $"key {RecordText.Quote(fields.Key)} differs from customer {RecordText.Quote(customer)}");
        }

        if (!EventTypes.TryParseWireName(fields.Type, out var type))
        {
            return DecodeResult.Rejected(
                RejectionReason.UnknownType,
                $"type {RecordText.Quote(fields.Type)} is not one of {EventTypes.AllWireNames}");
        }

        if (AmountRejection(fields.Amount, out var amount) is { } amountRejection)
        {
            return DecodeResult.Rejected(amountRejection);
        }

        if (fields.HasCurrency && !fields.Currency.SequenceEqual(_currency))
        {
            return DecodeResult.Rejected(
                RejectionReason.WrongCurrency,
                $"currency {RecordText.Quote(fields.Currency)} is not the billing currency {_options.Currency}");
        }

        if (TimeRejection(fields.Time, fields.TimeText, out var time) is { } timeRejection)
        {
            return DecodeResult.Rejected(timeRejection);
        }

        var id = fields.HasId ? Encoding.UTF8.GetString(fields.Id) : null;
        return DecodeResult.Valid(new BillableEvent(customer, type, amount, time, id));
    }

    private static string? FirstEmptyField(scoped in RecordFields fields) =>
        fields.Customer.IsEmpty ? "customer"
        : fields.Type.IsEmpty ? "type"
        : fields.Amount.IsEmpty ? "amount"
        : fields.Time.IsEmpty ? "time"
        : fields.HasCurrency && fields.Currency.IsEmpty ? "currency"
        : fields.HasId && fields.Id.IsEmpty ? "id"
        : null;

    private RecordRejection? AmountRejection(ReadOnlySpan<byte> text, out decimal amount)
    {
        (RejectionReason Reason, string Problem)? rejection = MoneyText.TryParse(text, _options.MinorDigits, out amount) switch
        {
            MoneyTextError.None when amount > _options.MaxAmount => (RejectionReason.AmountTooLarge, $"is above the maximum {_maxAmount}"),
            MoneyTextError.None => null,
            MoneyTextError.TooLarge => (RejectionReason.AmountTooLarge, $"is above the maximum {_maxAmount}"),
            MoneyTextError.TooManyMinorDigits => (RejectionReason.TooManyMinorDigits, $"has more than {_options.MinorDigits} decimals"),
            MoneyTextError.NotPositive => (RejectionReason.NonPositiveAmount, "is not positive"),
            _ => (RejectionReason.InvalidAmount, "is not a plain decimal"),
        };
        return rejection is { } r ? new RecordRejection(r.Reason, $"amount {RecordText.Quote(text)} {r.Problem}") : null;
    }

    private RecordRejection? TimeRejection(ReadOnlySpan<byte> text, TimeText spelling, out DateTimeOffset time)
    {
        var status = spelling == TimeText.EpochMillis || EpochMillis.IsMillis(text)
            ? EpochMillis.TryParse(text, out time)
            : IsoInstant.TryParse(text, out time);
        if (status == TimeParseStatus.Invalid)
        {
            var expected = spelling == TimeText.EpochMillis
                ? "is not epoch milliseconds"
                : "is neither epoch milliseconds nor an ISO-8601 instant with an offset";
            return new RecordRejection(RejectionReason.InvalidTime, $"time {RecordText.Quote(text)} {expected}");
        }

        if (status == TimeParseStatus.OutOfRange || time < _options.EarliestTime || time >= _options.LatestTime)
        {
            return new RecordRejection(RejectionReason.TimeOutOfRange, $"time {RecordText.Quote(text)} is outside {_timeRange}");
        }

        return null;
    }
}

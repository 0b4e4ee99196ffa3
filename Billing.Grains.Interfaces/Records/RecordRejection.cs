namespace Billing.Records;

/// <summary>A refused Kafka record: why, and a short detail naming the field and the offending value.</summary>
/// <param name="Reason">Why the record was refused.</param>
/// <param name="Detail">The field and (truncated) value at fault; never the whole payload.</param>
public sealed record RecordRejection(RejectionReason Reason, string Detail)
{
    /// <summary>The stable kebab-case code of <see cref="Reason"/>, e.g. <c>unknown-type</c>, for headers and metrics.</summary>
    public string Code => CodeOf(Reason);

    /// <summary>The stable kebab-case code of <paramref name="reason"/>.</summary>
    /// <remarks>Spelled out rather than derived from member names, so renaming a member cannot change a code.</remarks>
    public static string CodeOf(RejectionReason reason) => reason switch
    {
        RejectionReason.InvalidUtf8 => "invalid-utf8",
        RejectionReason.EmptyRecord => "empty-record",
        RejectionReason.MalformedCsv => "malformed-csv",
        RejectionReason.MalformedJson => "malformed-json",
        RejectionReason.MissingField => "missing-field",
        RejectionReason.EmptyField => "empty-field",
        RejectionReason.InvalidCustomer => "invalid-customer",
        RejectionReason.UnknownType => "unknown-type",
        RejectionReason.CustomerMismatch => "customer-mismatch",
        RejectionReason.InvalidAmount => "invalid-amount",
        RejectionReason.TooManyMinorDigits => "too-many-minor-digits",
        RejectionReason.NonPositiveAmount => "non-positive-amount",
        RejectionReason.AmountTooLarge => "amount-too-large",
        RejectionReason.WrongCurrency => "wrong-currency",
        RejectionReason.InvalidTime => "invalid-time",
        RejectionReason.TimeOutOfRange => "time-out-of-range",
        RejectionReason.ImplausibleTime => "implausible-time",
        _ => "unknown",
    };

    /// <summary>Returns <c>code: detail</c>.</summary>
    public override string ToString() => $"{Code}: {Detail}";
}

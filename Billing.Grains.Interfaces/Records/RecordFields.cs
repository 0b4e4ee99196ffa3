namespace Billing.Records;

/// <summary>
/// The raw UTF-8 fields of one record, as a parser found them, before validation. Spans point into the record
/// (or, for JSON strings with escapes, into an unescaped copy), so nothing is allocated for well-formed fields.
/// </summary>
internal ref struct RecordFields
{
    public ReadOnlySpan<byte> Key;
    public bool HasKey;
    public ReadOnlySpan<byte> Customer;
    public ReadOnlySpan<byte> Type;
    public ReadOnlySpan<byte> Amount;
    public ReadOnlySpan<byte> Time;
    public TimeText TimeText;
    public ReadOnlySpan<byte> Currency;
    public bool HasCurrency;
    public ReadOnlySpan<byte> Id;
    public bool HasId;
}

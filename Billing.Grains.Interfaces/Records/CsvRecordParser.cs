namespace Billing.Records;

/// <summary>
/// Reads the prototype's CSV value, <c>timestampMs,customer,amount,TYPE</c>: exactly four fields, no quoting, one
/// trailing line break tolerated and nothing else trimmed.
/// </summary>
internal static class CsvRecordParser
{
    private const int FieldCount = 4;

    public static DecodeResult Parse(ReadOnlySpan<byte> value, scoped in RecordFields keyOnly, RecordValidator validator)
    {
        var line = value.EndsWith("\r\n"u8) ? value[..^2] : value.EndsWith("\n"u8) ? value[..^1] : value;
        var commas = line.Count((byte)',');
        if (commas != FieldCount - 1)
        {
            return DecodeResult.Rejected(
                RejectionReason.MalformedCsv,
                $"expected {FieldCount} comma-separated fields (timestampMs,customer,amount,TYPE), got {commas + 1}");
        }

        var fields = keyOnly;
        fields.Time = Next(ref line);
        fields.TimeText = TimeText.EpochMillis;
        fields.Customer = Next(ref line);
        fields.Amount = Next(ref line);
        fields.Type = line;
        return validator.Validate(fields);
    }

    private static ReadOnlySpan<byte> Next(scoped ref ReadOnlySpan<byte> line)
    {
        var comma = line.IndexOf((byte)',');
        var field = line[..comma];
        line = line[(comma + 1)..];
        return field;
    }
}

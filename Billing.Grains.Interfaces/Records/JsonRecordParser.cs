using System.Text.Json;
using System.Text.Unicode;

namespace Billing.Records;

/// <summary>
/// Reads a JSON value, <c>{"id","customer","type","amount","currency","time"}</c>, with <see cref="Utf8JsonReader"/>:
/// one pass, no reflection, and no allocation for fields without escapes. Unknown properties are skipped; a
/// repeated known property is refused, since which copy wins would be a guess.
/// </summary>
internal static class JsonRecordParser
{
    public static DecodeResult Parse(ReadOnlySpan<byte> value, scoped in RecordFields keyOnly, RecordValidator validator)
    {
        var fields = keyOnly;
        try
        {
            return Read(value, ref fields) ?? validator.Validate(fields);
        }
        catch (JsonException e)
        {
            return DecodeResult.Rejected(
                RejectionReason.MalformedJson,
                $"JSON syntax error at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
        }
        catch (InvalidOperationException)
        {
            // The reader throws this when an escaped string does not unescape to valid text (a lone surrogate).
            return DecodeResult.Rejected(RejectionReason.MalformedJson, "a JSON string has an invalid escape sequence");
        }
    }

    private static DecodeResult? Read(ReadOnlySpan<byte> value, ref RecordFields fields)
    {
        var reader = new Utf8JsonReader(value);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Malformed(reader.TokenType == JsonTokenType.StartArray
                ? "the value is a JSON array; send one event object per record"
                : "the value is not a JSON object");
        }

        var seen = JsonField.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            reader.Read();
            if (field == JsonField.None)
            {
                reader.Skip();
                continue;
            }

            if ((seen & field) != 0)
            {
                return Malformed($"field '{Name(field)}' appears more than once");
            }

            seen |= field;
            if (Capture(ref reader, field, ref fields) is { } rejection)
            {
                return rejection;
            }
        }

        // Leaves the reader past the object; with default options trailing content is a syntax error.
        reader.Read();
        return Missing(seen);
    }

    private static JsonField Identify(scoped ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("customer"u8) ? JsonField.Customer
        : reader.ValueTextEquals("type"u8) ? JsonField.Type
        : reader.ValueTextEquals("amount"u8) ? JsonField.Amount
        : reader.ValueTextEquals("time"u8) ? JsonField.Time
        : reader.ValueTextEquals("currency"u8) ? JsonField.Currency
        : reader.ValueTextEquals("id"u8) ? JsonField.Id
        : JsonField.None;

    private static DecodeResult? Capture(scoped ref Utf8JsonReader reader, JsonField field, ref RecordFields fields)
    {
        var kind = reader.TokenType;
        var optional = field is JsonField.Id or JsonField.Currency;
        var numberAllowed = field is JsonField.Amount or JsonField.Time;
        if (kind == JsonTokenType.Null && optional)
        {
            // Serializers commonly write absent optional properties as null.
            return null;
        }

        if (kind != JsonTokenType.String && !(kind == JsonTokenType.Number && numberAllowed))
        {
            return Malformed($"field '{Name(field)}' must be a string{(numberAllowed ? " or a number" : "")}, not {kind}");
        }

        // A number's raw text is read as is: "3.57" stays exact, "1e3" is refused by the field's own rules.
        var text = kind == JsonTokenType.Number ? reader.ValueSpan : Unescape(ref reader);
        if (!Utf8.IsValid(text))
        {
            return DecodeResult.Rejected(RejectionReason.InvalidUtf8, $"field '{Name(field)}' is not valid UTF-8 once unescaped");
        }

        switch (field)
        {
            case JsonField.Customer:
                fields.Customer = text;
                break;
            case JsonField.Type:
                fields.Type = text;
                break;
            case JsonField.Amount:
                fields.Amount = text;
                break;
            case JsonField.Currency:
                fields.Currency = text;
                fields.HasCurrency = true;
                break;
            case JsonField.Id:
                fields.Id = text;
                fields.HasId = true;
                break;
            default:
                fields.Time = text;
                fields.TimeText = kind == JsonTokenType.Number ? TimeText.EpochMillis : TimeText.EpochMillisOrIso;
                break;
        }

        return null;
    }

    private static ReadOnlySpan<byte> Unescape(scoped ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        // Unescaping never lengthens the text; escapes are rare, so a small allocation here is fine.
        var buffer = new byte[reader.ValueSpan.Length];
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }

    private static DecodeResult? Missing(JsonField seen)
    {
        foreach (var required in (ReadOnlySpan<JsonField>)[JsonField.Customer, JsonField.Type, JsonField.Amount, JsonField.Time])
        {
            if ((seen & required) == 0)
            {
                return DecodeResult.Rejected(RejectionReason.MissingField, $"field '{Name(required)}' is missing");
            }
        }

        return null;
    }

    private static DecodeResult Malformed(string detail) => DecodeResult.Rejected(RejectionReason.MalformedJson, detail);

    private static string Name(JsonField field) => field switch
    {
        JsonField.Customer => "customer",
        JsonField.Type => "type",
        JsonField.Amount => "amount",
        JsonField.Currency => "currency",
        JsonField.Id => "id",
        _ => "time",
    };
}

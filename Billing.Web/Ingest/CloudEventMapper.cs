using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Billing.Records;

namespace Billing.Web.Ingest;

/// <summary>
/// Turns one structured-mode CloudEvent (spec 1.0) into a record in the Kafka JSON format, for the record codec
/// to validate like any other: <c>id</c> → id, <c>subject</c> → customer, <c>time</c> → time, <c>data.type</c>,
/// <c>data.amount</c> and the optional <c>data.currency</c> → type, amount and currency. The attributes the
/// CloudEvents spec requires (<c>specversion</c> "1.0", <c>id</c>, <c>source</c>, <c>type</c>) are checked here;
/// <c>source</c> and <c>type</c> are recorded nowhere. Values are copied as their raw JSON, so the codec judges
/// their kinds and texts exactly as it judges a record's.
/// </summary>
public static class CloudEventMapper
{
    // As the record encoder writes: records are not embedded in HTML, so text stays readable rather than \u-escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record for <paramref name="cloudEvent"/>, or why it cannot be one.</summary>
    public static (byte[]? Record, RecordRejection? Rejection) Map(JsonElement cloudEvent)
    {
        if (cloudEvent.ValueKind != JsonValueKind.Object)
        {
            return Refused(RejectionReason.MalformedJson, $"the CloudEvent is a JSON {Kind(cloudEvent.ValueKind)}, not an object");
        }

        if (!cloudEvent.TryGetProperty("specversion"u8, out var version))
        {
            return Refused(RejectionReason.MissingField, "attribute 'specversion' is missing");
        }

        if (version.ValueKind != JsonValueKind.String || !version.ValueEquals("1.0"u8))
        {
            return Refused(RejectionReason.MalformedJson, $"attribute 'specversion' must be \"1.0\", not {Quoted(version)}");
        }

        // The spec's required attributes, then the two billing needs: the customer and the event time.
        foreach (var name in (ReadOnlySpan<string>)["id", "source", "type", "subject", "time"])
        {
            if (RequiredString(cloudEvent, name) is { } rejection)
            {
                return (null, rejection);
            }
        }

        if (cloudEvent.TryGetProperty("datacontenttype"u8, out var contentType) && !IsJson(contentType))
        {
            return Refused(RejectionReason.MalformedJson, $"attribute 'datacontenttype' must be application/json, not {Quoted(contentType)}");
        }

        if (cloudEvent.TryGetProperty("data_base64"u8, out _))
        {
            return Refused(RejectionReason.MalformedJson, "attribute 'data_base64' is not accepted; send 'data' as a JSON object");
        }

        if (!cloudEvent.TryGetProperty("data"u8, out var data))
        {
            return Refused(RejectionReason.MissingField, "attribute 'data' is missing");
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            return Refused(RejectionReason.MalformedJson, $"attribute 'data' must be a JSON object with 'type' and 'amount', not a JSON {Kind(data.ValueKind)}");
        }

        if (!data.TryGetProperty("type"u8, out var type))
        {
            return Refused(RejectionReason.MissingField, "field 'data.type' is missing");
        }

        if (!data.TryGetProperty("amount"u8, out var amount))
        {
            return Refused(RejectionReason.MissingField, "field 'data.amount' is missing");
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            Copy(writer, "id"u8, cloudEvent.GetProperty("id"u8));
            Copy(writer, "customer"u8, cloudEvent.GetProperty("subject"u8));
            Copy(writer, "type"u8, type);
            Copy(writer, "amount"u8, amount);
            if (data.TryGetProperty("currency"u8, out var currency))
            {
                Copy(writer, "currency"u8, currency);
            }

            Copy(writer, "time"u8, cloudEvent.GetProperty("time"u8));
            writer.WriteEndObject();
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    /// <summary>The CloudEvent's id when it is a non-empty string, for naming a refused event.</summary>
    public static string? IdOf(JsonElement cloudEvent) =>
        cloudEvent.ValueKind == JsonValueKind.Object && cloudEvent.TryGetProperty("id"u8, out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static RecordRejection? RequiredString(JsonElement cloudEvent, string name)
    {
        var what = name == "subject" ? "attribute 'subject' (the customer)" : $"attribute '{name}'";
        if (!cloudEvent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return new RecordRejection(RejectionReason.MissingField, $"{what} is missing");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return new RecordRejection(RejectionReason.MalformedJson, $"{what} must be a string, not a JSON {Kind(value.ValueKind)}");
        }

        return value.ValueEquals(""u8) ? new RecordRejection(RejectionReason.EmptyField, $"{what} is empty") : null;
    }

    private static bool IsJson(JsonElement contentType)
    {
        if (contentType.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var mediaType = contentType.GetString()!.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static void Copy(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement value)
    {
        writer.WritePropertyName(name);
        value.WriteTo(writer);
    }

    private static (byte[]? Record, RecordRejection? Rejection) Refused(RejectionReason reason, string detail) => (null, new RecordRejection(reason, detail));

    private static string Quoted(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? RecordTextQuote(value.GetString()!)
        : $"a JSON {Kind(value.ValueKind)}";

    // Short and on one line, like the codec's details: up to 40 characters, control characters shown as '?'.
    private static string RecordTextQuote(string text)
    {
        var shown = string.Concat(text.Take(40).Select(c => char.IsControl(c) ? '?' : c));
        return text.Length <= 40 ? $"'{shown}'" : $"'{shown}'…";
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}

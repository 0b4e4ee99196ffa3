using System.Text.Json;
using Billing.Events;
using Billing.Records;

namespace Billing.Web.Ingest;

/// <summary>
/// Reads the body of <c>POST /api/events</c> into events, all or nothing: every event goes through the record
/// codec (<see cref="BillableEventCodec"/>) exactly as a Kafka record would, so HTTP and Kafka accept the same
/// events for the same reasons. Over HTTP an event also needs an id (it makes a client's retry safe), and its
/// time must be plausible against the processing clock, as a silo would judge it.
/// </summary>
/// <remarks>Thread-safe: holds only its configuration.</remarks>
/// <param name="codec">The record codec of the deployment (its billing currency).</param>
/// <param name="maxBatchSize">The most events one body may hold.</param>
/// <param name="timeCheck">Why an event time is implausible now, or null when it is fine; null checks nothing.</param>
public sealed class IngestBatchReader(BillableEventCodec codec, int maxBatchSize, Func<DateTimeOffset, RecordRejection?>? timeCheck = null)
{
    private static readonly JsonDocumentOptions CloudEventOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Reads <paramref name="body"/> as <paramref name="format"/>.</summary>
    public IngestReadResult Read(ReadOnlySpan<byte> body, IngestFormat format)
    {
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            return Unreadable(RejectionReason.EmptyRecord, "the body is empty");
        }

        return format switch
        {
            IngestFormat.Json when body[start] == (byte)'{' => Single(Decode(0, body, id: null)),
            IngestFormat.Json when body[start] == (byte)'[' => ReadJsonArray(body),
            IngestFormat.Json => Unreadable(RejectionReason.MalformedJson, "the body is neither a JSON object (one event) nor a JSON array (a batch)"),
            _ => ReadCloudEvents(body, format == IngestFormat.CloudEventBatch),
        };
    }

    /// <summary>An array of events in the Kafka JSON format; each element's own bytes go to the codec.</summary>
    private IngestReadResult ReadJsonArray(ReadOnlySpan<byte> body)
    {
        var elements = new List<Range>();
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (elements.Count == maxBatchSize)
                {
                    return IngestReadResult.TooMany(maxBatchSize + 1);
                }

                var from = (int)reader.TokenStartIndex;
                reader.Skip();
                elements.Add(from..(int)reader.BytesConsumed);
            }

            // Past the array: anything but white space after it is a syntax error.
            reader.Read();
        }
        catch (JsonException e)
        {
            return Unreadable(RejectionReason.MalformedJson, SyntaxError(e));
        }

        var results = new List<(BillableEvent? Event, IngestRejection? Rejection)>(elements.Count);
        for (var index = 0; index < elements.Count; index++)
        {
            var element = body[elements[index]];
            results.Add(element[0] == (byte)'{'
                ? Decode(index, element, id: null)
                : (null, new IngestRejection(index, null, RecordRejection.CodeOf(RejectionReason.MalformedJson), "the event is not a JSON object")));
        }

        return Batch(results);
    }

    private IngestReadResult ReadCloudEvents(ReadOnlySpan<byte> body, bool batch)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), CloudEventOptions);
        }
        catch (JsonException e)
        {
            return Unreadable(RejectionReason.MalformedJson, SyntaxError(e));
        }

        using (document)
        {
            var root = document.RootElement;
            if (!batch)
            {
                return Single(MapCloudEvent(root, 0));
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return Unreadable(RejectionReason.MalformedJson, "a CloudEvents batch must be a JSON array of CloudEvents");
            }

            var count = root.GetArrayLength();
            if (count > maxBatchSize)
            {
                return IngestReadResult.TooMany(count);
            }

            return Batch([.. root.EnumerateArray().Select(MapCloudEvent)]);
        }
    }

    private (BillableEvent? Event, IngestRejection? Rejection) MapCloudEvent(JsonElement cloudEvent, int index)
    {
        var id = CloudEventMapper.IdOf(cloudEvent);
        (byte[]? Record, RecordRejection? Rejection) mapped;
        try
        {
            mapped = CloudEventMapper.Map(cloudEvent);
        }
        catch (InvalidOperationException)
        {
            // A string whose escapes are no valid text (a lone surrogate) cannot be written out again.
            mapped = (null, new RecordRejection(RejectionReason.MalformedJson, "a JSON string has an invalid escape sequence"));
        }

        return mapped.Record is { } record ? Decode(index, record, id) : (null, Rejected(index, id, mapped.Rejection!));
    }

    private (BillableEvent? Event, IngestRejection? Rejection) Decode(int index, ReadOnlySpan<byte> record, string? id)
    {
        var result = codec.Decode(record, default, hasKey: false);
        if (!result.IsValid)
        {
            return (null, Rejected(index, id ?? IdIn(record), result.Rejection));
        }

        var e = result.Event;
        if (e.Id is null)
        {
            return (null, Rejected(index, null, new RecordRejection(
                RejectionReason.MissingField, "field 'id' is missing: over HTTP every event needs an id, which makes a retry safe")));
        }

        return timeCheck?.Invoke(e.Time) is { } implausible ? (null, Rejected(index, e.Id, implausible)) : (e, null);
    }

    private static IngestReadResult Single((BillableEvent? Event, IngestRejection? Rejection) result) => Batch([result]);

    private static IngestReadResult Batch(IReadOnlyList<(BillableEvent? Event, IngestRejection? Rejection)> results)
    {
        if (results.Count == 0)
        {
            return Unreadable(RejectionReason.EmptyRecord, "the batch holds no event");
        }

        var rejections = results.Where(r => r.Rejection is not null).Select(r => r.Rejection!).ToList();
        return rejections.Count > 0
            ? IngestReadResult.Invalid(results.Count, rejections)
            : IngestReadResult.Valid([.. results.Select(r => r.Event!)]);
    }

    private static IngestReadResult Unreadable(RejectionReason reason, string detail) =>
        IngestReadResult.Invalid(0, [new IngestRejection(null, null, RecordRejection.CodeOf(reason), detail)]);

    private static IngestRejection Rejected(int index, string? id, RecordRejection rejection) => new(index, id, rejection.Code, rejection.Detail);

    private static string SyntaxError(JsonException e) =>
        $"the body is not valid JSON: syntax error at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}";

    /// <summary>The id of a refused record, when it has a string one: the answer names the event by it.</summary>
    private static string? IdIn(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } id ? id : null;
                }

                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A record broken before its id: the answer names it by its index alone.
        }

        return null;
    }
}

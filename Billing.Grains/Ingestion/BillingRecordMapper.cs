using Billing.Events;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Time;
using Billing.Records;
using Billing.Streams;

namespace Billing.Grains.Ingestion;

/// <summary>
/// Decodes a billable-event record (CSV or JSON) and routes it to its customer's stream and its type's stream.
/// A record the codec rejects is dead-lettered with the codec's reason code; a valid record whose event time is
/// implausible against the processing clock is dead-lettered as <c>implausible-time</c>, so that it never reaches
/// a grain nor moves a watermark (the provider takes event times only from routed records). A replayed record
/// (one with a <see cref="KafkaDeadLetterHeaders.Origin"/> header) whose event has no id is given the id
/// <c>origin:partition/offset</c>.
/// </summary>
public sealed class BillingRecordMapper(BillableEventCodec codec, EventTimePlausibility plausibility, IProcessingClock clock) : IKafkaRecordMapper
{
    /// <summary>Type streams are few and long-lived: their ids are made once.</summary>
    private static readonly Dictionary<EventType, StreamId> TypeStreams = EventTypes.All.ToDictionary(
        type => type,
        type => StreamId.Create(BillingStreams.TypeNamespace, type.WireName()));

    /// <summary>What a replayed record's event without an id of its own is known by: <c>origin:partition/offset</c>.</summary>
    public static string OriginEventId(KafkaRecordOrigin origin) => $"origin:{origin}";

    /// <inheritdoc />
    public KafkaRecordMapping Map(KafkaRecord record)
    {
        var decoded = codec.Decode(record.Key, record.Value);
        if (decoded.Rejection is { } rejection)
        {
            return KafkaRecordMapping.Reject(rejection.Code, rejection.Detail);
        }

        var billable = decoded.Event!;
        if (plausibility.Check(billable.Time, clock.GetUtcNow()) is { } implausible)
        {
            return KafkaRecordMapping.Reject(implausible.Code, implausible.Detail);
        }

        // A record replayed from the dead-letter topic is the record first read at its origin: an event without
        // an id of its own takes one from there, so that replaying it again does not count it again.
        if (billable.Id is null && KafkaRecordOrigin.FromHeaders(record.Headers) is { } origin)
        {
            billable = billable with { Id = OriginEventId(origin) };
        }

        var item = new IngestedEvent(billable, record.Partition, record.Offset);
        return KafkaRecordMapping.RouteTo(
        [
            new StreamRoute(StreamId.Create(BillingStreams.CustomerNamespace, billable.Customer), item),
            new StreamRoute(TypeStreams[billable.Type], item),
        ], billable.Time);
    }
}

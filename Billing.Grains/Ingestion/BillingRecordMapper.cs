using Billing.Events;
using Billing.Grains.Streaming.Kafka;
using Billing.Records;
using Billing.Streams;

namespace Billing.Grains.Ingestion;

/// <summary>
/// Decodes a billable-event record (CSV or JSON) and routes it to its customer's stream and its type's stream.
/// A record the codec rejects is dead-lettered with the codec's reason code.
/// </summary>
public sealed class BillingRecordMapper(BillableEventCodec codec) : IKafkaRecordMapper
{
    /// <summary>Type streams are few and long-lived: their ids are made once.</summary>
    private static readonly Dictionary<EventType, StreamId> TypeStreams = EventTypes.All.ToDictionary(
        type => type,
        type => StreamId.Create(BillingStreams.TypeNamespace, type.WireName()));

    /// <inheritdoc />
    public KafkaRecordMapping Map(KafkaRecord record)
    {
        var decoded = codec.Decode(record.Key, record.Value);
        if (decoded.Rejection is { } rejection)
        {
            return KafkaRecordMapping.Reject(rejection.Code, rejection.Detail);
        }

        var billable = decoded.Event!;
        var item = new IngestedEvent(billable, record.Partition, record.Offset);
        return KafkaRecordMapping.RouteTo(
        [
            new StreamRoute(StreamId.Create(BillingStreams.CustomerNamespace, billable.Customer), item),
            new StreamRoute(TypeStreams[billable.Type], item),
        ], billable.Time);
    }
}

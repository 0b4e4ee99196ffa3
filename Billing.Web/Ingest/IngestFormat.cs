namespace Billing.Web.Ingest;

/// <summary>The shapes <c>POST /api/events</c> reads, told apart by the request's content type.</summary>
public enum IngestFormat
{
    /// <summary><c>application/json</c>: one event object in the Kafka JSON record format, or an array of them.</summary>
    Json,

    /// <summary><c>application/cloudevents+json</c>: one CloudEvent in structured mode.</summary>
    CloudEvent,

    /// <summary><c>application/cloudevents-batch+json</c>: a JSON array of CloudEvents.</summary>
    CloudEventBatch,
}

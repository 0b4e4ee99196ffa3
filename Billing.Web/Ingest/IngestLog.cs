namespace Billing.Web.Ingest;

/// <summary>Log messages of HTTP ingestion (event ids 4300–4399). Events and their ids are never logged.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(4300, LogLevel.Warning, "Kafka did not acknowledge {NotAccepted} of {Count} events sent over HTTP; the request was answered 503: {Problem}")]
    public static partial void NotAcknowledged(ILogger logger, int notAccepted, int count, string problem);
}

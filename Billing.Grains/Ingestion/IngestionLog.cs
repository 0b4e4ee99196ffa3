using Microsoft.Extensions.Logging;

namespace Billing.Grains.Ingestion;

/// <summary>Log messages of the billable-event ingestion around the Kafka provider, with stable event ids (2100–2199).</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "Reporting this silo's stalled partitions failed; the next report retries")]
    public static partial void StallReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "An operator ordered the failing delivery of partition {Partition} from offset {FirstOffset} skipped")]
    public static partial void SkipOrdered(ILogger logger, int partition, long firstOffset);
}

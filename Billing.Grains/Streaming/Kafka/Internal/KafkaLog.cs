using Microsoft.Extensions.Logging;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// The provider's log messages, with stable event ids (2000–2099). Payloads are never logged: a record can
/// carry personal or payment data, so messages name its partition, offset and rejection code only.
/// </summary>
internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Kafka stream provider {Provider} reads topic {Topic}: {PartitionCount} partitions, consumer group {ConsumerGroup}")]
    public static partial void ProviderStarted(ILogger logger, string provider, string topic, int partitionCount, string consumerGroup);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Reading {Topic} partition {Partition} from its committed offset (or the earliest)")]
    public static partial void ReceiverStarted(ILogger logger, string topic, int partition);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Stopped reading {Topic} partition {Partition}; handled through offset {HandledThrough}")]
    public static partial void ReceiverStopped(ILogger logger, string topic, int partition, long? handledThrough);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Rejected record {Partition}@{Offset}: {Code}")]
    public static partial void RecordRejected(ILogger logger, int partition, long offset, string code);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Delivering {RecordCount} records of partition {Partition} from offset {Offset} to stream {StreamId} failed (attempt {Attempt}); the partition waits, retrying in {Delay}")]
    public static partial void DeliveryRetrying(ILogger logger, Exception exception, int recordCount, int partition, long offset, string streamId, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information,
        Message = "Delivered {RecordCount} records of partition {Partition} from offset {Offset} to stream {StreamId} after {FailedAttempts} failed attempts")]
    public static partial void DeliveryRecovered(ILogger logger, int recordCount, int partition, long offset, string streamId, int failedAttempts);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning,
        Message = "An operator skipped the failing delivery of partition {Partition} from offset {Offset} to stream {StreamId}: {RecordCount} records dead-lettered")]
    public static partial void DeliverySkipped(ILogger logger, int recordCount, int partition, long offset, string streamId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "Writing record {Partition}@{Offset} to the dead-letter topic {Topic} failed; retrying in {Delay}")]
    public static partial void DeadLetterRetry(ILogger logger, Exception exception, int partition, long offset, string topic, TimeSpan delay);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Storing or committing offset {Offset} of partition {Partition} failed; it will be retried")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int partition, long offset);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning,
        Message = "Waiting for metadata of topic {Topic} at {BootstrapServers}: {Error}")]
    public static partial void MetadataRetry(ILogger logger, string topic, string bootstrapServers, string error);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "Delivery to stream {StreamId} at {Token} was abandoned (the silo is stopping); its records are read again from the last commit")]
    public static partial void DeliveryAbandoned(ILogger logger, string streamId, string? token);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning,
        Message = "Subscription {SubscriptionId} to stream {StreamId} failed")]
    public static partial void SubscriptionFailed(ILogger logger, string subscriptionId, string streamId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error,
        Message = "The record mapper threw on record {Partition}@{Offset}; the record is dead-lettered")]
    public static partial void MapperFailed(ILogger logger, Exception exception, int partition, long offset);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning,
        Message = "Purged {Count} containers of stream {StreamId} that no consumer was handed ({Reason}); their records count as handled")]
    public static partial void PurgedUndelivered(ILogger logger, int count, string streamId, string reason);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning,
        Message = "The consumer of stream {StreamId} did not take the delivery of {RecordCount} records of partition {Partition} from offset {Offset}: it answered with hand-shake token {Token}")]
    public static partial void DeliveryRefused(ILogger logger, string streamId, int recordCount, int partition, long offset, string token);
}

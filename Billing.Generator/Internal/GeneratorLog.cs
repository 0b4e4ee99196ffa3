using Microsoft.Extensions.Logging;

namespace Billing.Generator.Internal;

/// <summary>
/// The generator's log messages, with stable event ids (7000–7099). Sampled on purpose: one line per
/// <see cref="GeneratorService.SampleEvery"/> events and one per month, never one per event.
/// </summary>
internal static partial class GeneratorLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information,
        Message = "Generator started: topic {Topic}, format {Format}, seed {Seed}, from {StartMonth} for {Months} month(s), {EventDaysPerSecond} event days per second, at most {MaxEventsPerSecond} events per second")]
    public static partial void Started(ILogger logger, string topic, GeneratorFormat format, int seed, string startMonth, string months, double eventDaysPerSecond, int maxEventsPerSecond);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Generator is disabled (Generator:Enabled is false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Sent {Count} events; last {EventId} of {EventTime:O}, sent at event-time position {EmitAt:O}; event-time clock {Clock:O}")]
    public static partial void Sampled(ILogger logger, long count, string? eventId, DateTimeOffset eventTime, DateTimeOffset emitAt, DateTimeOffset clock);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information,
        Message = "Month {Month} sent: {Events} events, total {Total} EUR")]
    public static partial void MonthSent(ILogger logger, string month, int events, string total);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information,
        Message = "Generator finished: {Months} month(s), {Events} events sent")]
    public static partial void Finished(ILogger logger, int months, long events);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning,
        Message = "The producer's queue is full; waiting for the broker to catch up")]
    public static partial void QueueFull(ILogger logger);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error,
        Message = "Kafka did not accept a record ({Failures} so far): {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, long failures, string reason);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information,
        Message = "Generator stopped after {Events} events sent")]
    public static partial void Stopped(ILogger logger, long events);
}

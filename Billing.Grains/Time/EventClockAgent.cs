using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Billing.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Time;

/// <summary>
/// Runs on every silo, once per <see cref="BillingOptions.WatermarkInterval"/>: reports the partitions this
/// silo reads to the event clock and learns the global watermark into <see cref="EventClockView"/>. (Closing
/// is the customer directory's: the event clock tells its shards when a month closes.)
/// </summary>
internal sealed class EventClockAgent(
    IGrainFactory grains,
    KafkaDeliveryProgress deliveryProgress,
    IOptionsMonitor<KafkaStreamOptions> kafkaOptions,
    IOptions<BillingOptions> options,
    EventClockView view,
    TimeProvider time,
    ILogger<EventClockAgent> logger) : PeriodicSiloAgent(options.Value.WatermarkInterval, time)
{
    protected override async Task TickAsync()
    {
        try
        {
            var clock = grains.GetGrain<IEventClockGrain>(0);
            var topic = kafkaOptions.Get(BillingStreams.ProviderName).Topic;
            var partitions = deliveryProgress.Read(topic);
            if (partitions.Count > 0 && deliveryProgress.PartitionCount(topic) is { } partitionCount)
            {
                await clock.ReportAsync(partitionCount, PartitionReports.From(partitions, Time.GetUtcNow(), options.Value.IdlePartitionTimeout));
            }

            var status = await clock.GetStatusAsync();
            if (view.Update(status.Watermark))
            {
                ClosingLog.WatermarkAdvanced(logger, status.Watermark!.Value);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ClosingLog.ClockTickFailed(logger, exception);
        }
    }
}

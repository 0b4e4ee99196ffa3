using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Billing.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Time;

/// <summary>
/// Runs on every silo, once per <see cref="BillingOptions.WatermarkInterval"/>: reports the partitions this
/// silo reads to the event clock, learns the global watermark into <see cref="EventClockView"/>, and when it
/// moved, lets <see cref="MonthCloseScheduler"/> tell the customers whose month it closed.
/// </summary>
internal sealed class EventClockAgent(
    IGrainFactory grains,
    KafkaDeliveryProgress deliveryProgress,
    IOptionsMonitor<KafkaStreamOptions> kafkaOptions,
    IOptions<BillingOptions> options,
    EventClockView view,
    MonthCloseScheduler scheduler,
    TimeProvider time,
    ILogger<EventClockAgent> logger) : PeriodicSiloAgent(options.Value.WatermarkInterval, time)
{
    private Task dispatching = Task.CompletedTask;

    protected override Task Outstanding => dispatching;

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

            // One dispatch at a time; customers that become due meanwhile go in the next one.
            if (dispatching.IsCompleted && scheduler.Watched > 0)
            {
                dispatching = scheduler.DispatchDueAsync(Stopping);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ClosingLog.ClockTickFailed(logger, exception);
        }
    }
}

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
    ILogger<EventClockAgent> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private Task dispatching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EventClockAgent), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (loop is { } running)
        {
            await Task.WhenAll(running, dispatching).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatermarkInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await TickAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync()
    {
        try
        {
            var clock = grains.GetGrain<IEventClockGrain>(0);
            var topic = kafkaOptions.Get(BillingStreams.ProviderName).Topic;
            var partitions = deliveryProgress.Read(topic);
            if (partitions.Count > 0 && deliveryProgress.PartitionCount(topic) is { } partitionCount)
            {
                await clock.ReportAsync(partitionCount, PartitionReports.From(partitions, time.GetUtcNow(), options.Value.IdlePartitionTimeout));
            }

            var status = await clock.GetStatusAsync();
            if (view.Update(status.Watermark))
            {
                ClosingLog.WatermarkAdvanced(logger, status.Watermark!.Value);
            }

            // One dispatch at a time; customers that become due meanwhile go in the next one.
            if (dispatching.IsCompleted && scheduler.Watched > 0)
            {
                dispatching = scheduler.DispatchDueAsync(stopping.Token);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ClosingLog.ClockTickFailed(logger, exception);
        }
    }
}

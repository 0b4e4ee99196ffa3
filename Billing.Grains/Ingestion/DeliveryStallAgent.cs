using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Billing.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Ingestion;

/// <summary>
/// Runs on every silo, once a second: while a partition this silo reads waits behind a failing delivery, it
/// reports the stall to <see cref="IDeliveryStallsGrain"/> (so that status pages show it whichever process
/// serves them) and carries out the skip orders an operator gave for it. No call while nothing is stalled.
/// </summary>
internal sealed class DeliveryStallAgent(
    IGrainFactory grains,
    KafkaDeliveryProgress deliveryProgress,
    IOptionsMonitor<KafkaStreamOptions> kafkaOptions,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<DeliveryStallAgent> logger) : PeriodicSiloAgent(Interval, time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private bool reportedStalls;

    protected override async Task TickAsync()
    {
        var topic = kafkaOptions.Get(BillingStreams.ProviderName).Topic;
        List<DeliveryStall> stalls = [.. deliveryProgress.Read(topic)
            .Where(partition => partition.Stall is not null)
            .Select(partition => ToReport(partition.Stall!))];
        if (stalls.Count == 0 && !reportedStalls)
        {
            return;
        }

        try
        {
            var orders = await grains.GetGrain<IDeliveryStallsGrain>(0).ReportAsync(silo.SiloAddress.ToString(), stalls);
            reportedStalls = stalls.Count > 0;
            foreach (var order in orders)
            {
                if (deliveryProgress.OrderSkip(topic, order.Partition, order.FirstOffset))
                {
                    IngestionLog.SkipOrdered(logger, order.Partition, order.FirstOffset);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            IngestionLog.StallReportFailed(logger, exception);
        }
    }

    private static DeliveryStall ToReport(KafkaDeliveryStall stall) => new(
        stall.Partition, stall.StreamId, stall.FirstOffset, stall.RecordCount, stall.Since, stall.Attempts, stall.LastError, stall.SkipOrdered);
}

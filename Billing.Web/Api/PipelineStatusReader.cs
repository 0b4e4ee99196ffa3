using Billing.Events;
using Billing.Grains;
using Billing.Grains.Domain;
using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Billing.Time;
using Billing.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Web.Api;

/// <summary>
/// Assembles the pipeline status (<c>GET /api/status</c> and the admin view): Kafka offsets read directly,
/// event time from the event clock grain, invoicing health from its grain, the number issued from the store,
/// open windows from the customer directory, duplicates from the event-type grains (every record reaches its
/// type, so their sum counts every copy once).
/// </summary>
public sealed class PipelineStatusReader(
    BillingRuntimeInfo runtime,
    KafkaTopicInspector inspector,
    IGrainFactory grains,
    IOptions<BillingOptions> options)
{
    private static readonly TimeSpan StatusReadTimeout = TimeSpan.FromSeconds(5);

    public async Task<StatusResponse> ReadAsync(CancellationToken cancellationToken)
    {
        // Kafka is read directly; the grains may be moving for a few seconds after a silo died. Then the
        // status still answers, with what could not be read listed under "unavailable".
        var topicRead = inspector.ReadAsync(cancellationToken);
        var clockRead = TryReadAsync(() => grains.GetGrain<IEventClockGrain>(0).GetStatusAsync(), cancellationToken);
        var invoicingRead = TryReadAsync(() => grains.GetGrain<IInvoicingHealthGrain>(0).GetAsync(), cancellationToken);
        var issuedRead = TryReadAsync<long?>(async () => await grains.GetGrain<IInvoiceQueryGrain>(0).CountAsync(), cancellationToken);
        var windowsRead = TryReadAsync(() => CustomerDirectory.CountOpenWindowsAsync(grains), cancellationToken);
        var stallsRead = TryReadAsync(() => grains.GetGrain<IDeliveryStallsGrain>(0).GetAsync(), cancellationToken);
        var duplicatesRead = TryReadAsync<long?>(() => CountDuplicatesAsync(grains), cancellationToken);
        var (topic, clockAnswer, invoicingAnswer, issued, windows, stalls, duplicates) =
            (await topicRead, await clockRead, await invoicingRead, await issuedRead, await windowsRead, await stallsRead, await duplicatesRead);
        var clock = clockAnswer ?? new EventClockStatus(null, 0, []);
        List<string> unavailable = [];
        if (clockAnswer is null)
        {
            unavailable.Add("event clock");
        }

        if (invoicingAnswer is null)
        {
            unavailable.Add("invoicing health");
        }

        if (issued is null)
        {
            unavailable.Add("invoice store");
        }

        if (windows is null)
        {
            unavailable.Add("customer directory");
        }

        if (stalls is null)
        {
            unavailable.Add("stalled deliveries");
        }

        if (duplicates is null)
        {
            unavailable.Add("event types");
        }

        var eventTimes = clock.Partitions.ToDictionary(p => p.Partition);
        var partitions = topic.Partitions
            .Select(p =>
            {
                var time = eventTimes.GetValueOrDefault(p.Partition);
                return new PartitionStatusResponse(
                    p.Partition, p.CommittedOffset, p.HighWatermark, p.Lag, time?.LatestDeliveredEventTime, time?.Watermark, time?.Idle ?? false);
            })
            .ToList();
        return new StatusResponse(
            runtime.ModeName,
            runtime.IsDurable,
            runtime.BootstrapServers,
            clock.Watermark,
            MonthClosing.ClosedThrough(clock.Watermark, options.Value.AllowedLateness)?.ToString(),
            partitions,
            partitions.Sum(p => p.Lag),
            stalls?.Select(StallResponse.From).ToList(),
            topic.DeadLetters,
            [.. topic.LatestDeadLetters.Select(DeadLetterResponse.From)],
            duplicates,
            invoicingAnswer is null ? null : InvoicingStatusResponse.From(invoicingAnswer),
            issued,
            windows?.Select(w => new OpenWindowsResponse(w.Month.ToString(), w.Windows)).ToList(),
            unavailable);
    }

    private static async Task<long?> CountDuplicatesAsync(IGrainFactory grains)
    {
        var usages = await Task.WhenAll(EventTypes.All.Select(type => grains.GetGrain<IEventTypeGrain>(type.WireName()).GetUsageAsync()));
        return usages.Sum(usage => usage?.Duplicates ?? 0);
    }

    /// <summary>
    /// One grain read for the status, given <see cref="StatusReadTimeout"/>. Any failure but the caller's own
    /// cancellation (a timeout, an unavailable silo, or the invoice store being down, which surfaces through
    /// the grain call as the store's own exception) answers the default (null): that part is then listed
    /// under "unavailable".
    /// </summary>
    private static async Task<T?> TryReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read().WaitAsync(StatusReadTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return default;
        }
    }
}

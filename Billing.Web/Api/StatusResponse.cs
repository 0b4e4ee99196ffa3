using Billing.Streams;
using Billing.Grains.Streaming.Kafka;
using Billing.Invoices;

namespace Billing.Web.Api;

/// <summary>
/// <c>GET /api/status</c>: the mode, the broker, the pipeline's progress per partition, the partitions that wait
/// behind a failing delivery (since when and why), event time (the global watermark and what each partition
/// contributes), dead letters (how many, and why the newest were set aside), duplicates (records whose id
/// was already counted for their customer, summed over the event types; null when a type could not be read),
/// whether invoices are being issued and how many have been, and how many customer windows are open per month.
/// What could not be read right now (a grain moving after a silo died) is named in <c>Unavailable</c>.
/// </summary>
public sealed record StatusResponse(
    string Mode,
    bool Durable,
    string BootstrapServers,
    DateTimeOffset? Watermark,
    string? ClosedThrough,
    IReadOnlyList<PartitionStatusResponse> Partitions,
    long TotalLag,
    IReadOnlyList<StallResponse>? Stalled,
    long DeadLetters,
    IReadOnlyList<DeadLetterResponse> LatestDeadLetters,
    long? Duplicates,
    InvoicingStatusResponse? Invoicing,
    long? InvoicesIssued,
    IReadOnlyList<OpenWindowsResponse>? OpenWindows,
    IReadOnlyList<string> Unavailable);

/// <summary>One partition of the incoming topic: Kafka offsets, and its event time as the event clock holds it.</summary>
public sealed record PartitionStatusResponse(
    int Partition,
    long? CommittedOffset,
    long HighWatermark,
    long Lag,
    DateTimeOffset? LatestEventTime,
    DateTimeOffset? Watermark,
    bool Idle);

/// <summary>
/// A partition waiting behind a delivery that keeps failing: retried until it goes through, with the partition's
/// commit held before <paramref name="FirstOffset"/>. An admin may skip it (<c>POST /api/partitions/{partition}/skip?offset=…</c>).
/// </summary>
public sealed record StallResponse(
    int Partition,
    string Stream,
    long FirstOffset,
    int Records,
    DateTimeOffset Since,
    int Attempts,
    string LastError,
    bool SkipOrdered)
{
    public static StallResponse From(DeliveryStall stall) => new(
        stall.Partition, stall.StreamId, stall.FirstOffset, stall.RecordCount, stall.Since, stall.Attempts, stall.LastError, stall.SkipOrdered);
}

/// <summary>How many customers hold usage of <paramref name="Month"/> that is not invoiced yet.</summary>
public sealed record OpenWindowsResponse(string Month, int Windows);

/// <summary>A record of the dead-letter topic: why it was set aside, and where it came from.</summary>
public sealed record DeadLetterResponse(string Reason, string Detail, int? SourcePartition, long? SourceOffset, DateTimeOffset At)
{
    public static DeadLetterResponse From(KafkaDeadLetter letter) =>
        new(letter.Reason, letter.Detail, letter.SourcePartition, letter.SourceOffset, letter.DeadLetteredAt);
}

/// <summary>Invoice issuing: how many customer-months are failing right now, and the latest failure.</summary>
public sealed record InvoicingStatusResponse(int FailingMonths, InvoicingFailureResponse? LastFailure, DateTimeOffset? LastRecoveryAt)
{
    public static InvoicingStatusResponse From(InvoicingHealth health) => new(
        health.FailingMonths,
        health.LastFailure is { } failure
            ? new InvoicingFailureResponse(failure.Customer, failure.Month.ToString(), failure.Stage, failure.Message, failure.At)
            : null,
        health.LastRecoveryAt);
}

/// <summary>A failed attempt to issue an invoice.</summary>
public sealed record InvoicingFailureResponse(string Customer, string Month, string Stage, string Message, DateTimeOffset At);

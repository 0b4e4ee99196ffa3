namespace Billing.Web.Ingest;

/// <summary>
/// HTTP ingestion (<c>POST /api/events</c>), bound from <c>Billing:Ingest</c>; checked at start-up by
/// <see cref="IngestOptionsValidator"/>.
/// </summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Billing:Ingest";

    /// <summary>The most events one request may carry; a larger batch is answered 413. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>
    /// The largest request body, in bytes; a larger one is answered 413 before it is read whole. Default 1 MiB,
    /// room for a full batch of CloudEvents with long ids and customers.
    /// </summary>
    public long MaxRequestBytes { get; set; } = 1L << 20;

    /// <summary>
    /// Events per second this process accepts, over all callers (a token bucket holding one second's worth);
    /// past it requests are answered 429 with <c>Retry-After</c>. Default 10,000.
    /// </summary>
    public int MaxEventsPerSecond { get; set; } = 10_000;

    /// <summary>
    /// How long Kafka has to acknowledge every event of a request; past it the request is answered 503, naming
    /// the events acknowledged so far. Default 10 s.
    /// </summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

namespace Billing.Grains.Hosting;

/// <summary>
/// Event time, closing and invoicing, bound from the <c>Billing</c> configuration section (the currency is read
/// with the record codec). Every default is the one documented here; checked at start-up by
/// <see cref="BillingOptionsValidator"/>.
/// </summary>
public sealed class BillingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Billing";

    /// <summary>How far out of order events may arrive; a partition's watermark trails its latest delivered event time by this. Default 12 h.</summary>
    public TimeSpan MaxOutOfOrderness { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a month stays open past its end, in event time. Default 3 days.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How far ahead of the processing clock (the wall clock; in the embedded demo the generator's simulated clock)
    /// an event time may be. A record further ahead is dead-lettered as <c>implausible-time</c> and never moves a
    /// watermark. Default 1 h.
    /// </summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How far behind the processing clock an event time may be. Older records are dead-lettered as
    /// <c>implausible-time</c>. Default 400 days: a backfill of the last year is admitted, a time written in
    /// seconds where milliseconds belong (1970) is not.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// How long past the end of a month, in event time (the global watermark), the ids of that month's events
    /// are kept to recognize a retried record as a duplicate. A copy arriving later is billed again, as late
    /// usage. At least <see cref="AllowedLateness"/>, so that a copy can never be billed in two months while
    /// the month is still open. Default 35 days: a month's ids outlive its invoice by about a month.
    /// </summary>
    public TimeSpan DeduplicationHorizon { get; set; } = TimeSpan.FromDays(35);

    /// <summary>
    /// How far one partition may carry the global watermark ahead of what the other partitions' delivered data
    /// supports: the runner-up partition's latest event time, plus the processing time that has passed since it
    /// last moved, plus this lead. Default 1 day.
    /// </summary>
    public TimeSpan MaxPartitionLead { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// A partition with nothing waiting for delivery and no new record for this long (wall clock) is idle: it
    /// stops holding the global watermark back until it has records again. Default 30 s.
    /// </summary>
    public TimeSpan IdlePartitionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo reports its partitions' progress and learns the global watermark. Default 1 s.</summary>
    public TimeSpan WatermarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Period of the durable reminder of each customer-directory shard (64 in all, not one per customer): at
    /// each tick the shard has every customer whose month has closed issue its invoice. Normally the event
    /// clock tells the shards at once when a month closes; the reminder is the safety net when that message is
    /// lost, so a due customer is invoiced at most this long after. Default 1 h; lower it (down to 1 s) for
    /// accelerated event time.
    /// </summary>
    public TimeSpan ClosingReminderPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many customer grains one silo keeps active; past it, the least recently used is deactivated (its
    /// state is already stored) and activates again with its next event or query. About 14 KB each. Default
    /// 25,000.
    /// </summary>
    public int MaxActiveCustomers { get; set; } = 25_000;

    /// <summary>Where invoice files go: <c>yyyy-MM/&lt;customer&gt;.json</c> and <c>.txt</c>. Default <c>invoices</c> (relative to the working directory).</summary>
    public string InvoiceDirectory { get; set; } = "invoices";
}

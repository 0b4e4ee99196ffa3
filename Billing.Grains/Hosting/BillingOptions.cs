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

    /// <summary>Where invoice files go: <c>yyyy-MM/&lt;customer&gt;.json</c> and <c>.txt</c>. Default <c>invoices</c> (relative to the working directory).</summary>
    public string InvoiceDirectory { get; set; } = "invoices";
}

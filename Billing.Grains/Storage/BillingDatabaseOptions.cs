namespace Billing.Grains.Storage;

/// <summary>
/// How a silo uses PostgreSQL, bound from <c>Billing:Database</c> in cluster mode; checked at start-up by
/// <see cref="BillingDatabaseOptionsValidator"/>. Every default is the one documented here.
/// </summary>
public sealed class BillingDatabaseOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Billing:Database";

    /// <summary>
    /// The most connections the silo opens to PostgreSQL, from the one pool that clustering, reminders, grain
    /// state and invoices share. Work beyond it waits for a connection; it does not fail. Keep the sum over
    /// every process of a cluster below the server's <c>max_connections</c>. Default 20.
    /// </summary>
    public int MaxConnections { get; set; } = 20;

    /// <summary>At most this many grains' states are read or written in one statement. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>Grain-state read statements running at once, each on a connection of the pool. Default 2.</summary>
    public int MaxConcurrentReads { get; set; } = 2;

    /// <summary>Grain-state write statements running at once, each on a connection of the pool. Default 2.</summary>
    public int MaxConcurrentWrites { get; set; } = 2;
}

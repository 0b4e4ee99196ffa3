using Billing.Grains.Deduplication;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Everything a customer grain persists, in one record written once per batch.</summary>
[GenerateSerializer]
[Alias("billing.customer-usage-state")]
public sealed class CustomerUsageState
{
    /// <summary>The windows not invoiced yet: open ones, and closed ones waiting for their invoice.</summary>
    [Id(0)]
    public Dictionary<BillingMonth, MonthlyWindow> Months { get; init; } = [];

    [Id(1)]
    public AppliedOffsets Offsets { get; init; } = new();

    [Id(2)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The latest month the watermark has closed, as this customer last learned it.</summary>
    [Id(3)]
    public BillingMonth? ClosedThrough { get; set; }

    /// <summary>The invoice being issued: frozen before the store is called, so every retry issues the same one.</summary>
    [Id(4)]
    public InvoiceDraft? Closing { get; set; }

    /// <summary>Late usage per month it belongs to, waiting for the next invoice.</summary>
    [Id(5)]
    public Dictionary<BillingMonth, MonthTotal> LateUsage { get; init; } = [];

    /// <summary>Every late event ever counted for this customer.</summary>
    [Id(6)]
    public int LateEvents { get; set; }

    /// <summary>The latest month invoiced.</summary>
    [Id(7)]
    public BillingMonth? LastInvoiced { get; set; }

    /// <summary>
    /// What the customer directory was last told, and stored, about this customer; null before it was ever
    /// told (also in state written before the directory closed months).
    /// </summary>
    [Id(8)]
    public CustomerMonths? ReportedToDirectory { get; set; }

    /// <summary>The ids of the events counted in the months kept, and how many copies were not counted.</summary>
    [Id(9)]
    public StoredEventIds EventIds { get; init; } = new();
}

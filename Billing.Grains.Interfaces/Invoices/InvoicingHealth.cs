namespace Billing.Invoices;

/// <summary>Whether invoices are being issued, for the status page.</summary>
/// <param name="FailingMonths">Customer-months whose invoice failed and has not been issued since.</param>
/// <param name="LastFailure">The latest failure, or null if none since the cluster started.</param>
/// <param name="LastRecoveryAt">When a failing invoice was last issued after all, or null.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.invoicing-health")]
public sealed record InvoicingHealth(
    [property: Id(0)] int FailingMonths,
    [property: Id(1)] InvoicingFailure? LastFailure,
    [property: Id(2)] DateTimeOffset? LastRecoveryAt);

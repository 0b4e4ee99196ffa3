using System.Diagnostics.Metrics;

namespace Billing.Grains.Invoicing;

/// <summary>
/// The meter <c>Billing.Invoicing</c>: invoices issued to every sink by this silo, and failed attempts by stage
/// (<see cref="InvoiceIssuer.StoreStage"/>, <see cref="InvoiceIssuer.FilesStage"/>). Issuing is idempotent, so a
/// retry after a crash between the sinks and the customer's state write counts an invoice again; the exact
/// number is the store's (<c>invoicesIssued</c> in <c>/api/status</c>).
/// </summary>
public sealed class InvoicingMetrics
{
    public const string MeterName = "Billing.Invoicing";

    private readonly Counter<long> issued;
    private readonly Counter<long> failures;

    public InvoicingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        issued = meter.CreateCounter<long>("billing.invoices.issued", "{invoice}", "Invoices stored and written to files");
        failures = meter.CreateCounter<long>("billing.invoices.failures", "{attempt}", "Attempts to issue an invoice that failed, by stage");
        // Exported at zero from the start, so that a dashboard's rate() has a series before the first invoice or failure.
        issued.Add(0);
        failures.Add(0, Stage(InvoiceIssuer.StoreStage));
        failures.Add(0, Stage(InvoiceIssuer.FilesStage));
    }

    public void Issued() => issued.Add(1);

    public void Failed(string stage) => failures.Add(1, Stage(stage));

    private static KeyValuePair<string, object?> Stage(string stage) => new("stage", stage);
}

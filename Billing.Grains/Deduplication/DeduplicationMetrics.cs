using System.Diagnostics.Metrics;

namespace Billing.Grains.Deduplication;

/// <summary>
/// The meter <c>Billing.Deduplication</c>: records this silo found to be copies of an event already counted (the
/// same customer and id), and did not count. A batch applied again after a crash counts its copies again; the
/// exact number is the grains' (<c>duplicates</c> in <c>/api/status</c> and in a customer's usage).
/// </summary>
public sealed class DeduplicationMetrics
{
    public const string MeterName = "Billing.Deduplication";

    private readonly Counter<long> duplicates;

    public DeduplicationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        duplicates = meterFactory.Create(MeterName)
            .CreateCounter<long>("billing.events.duplicates", "{record}", "Records whose id was already counted for their customer");
        // Exported at zero from the start, so that a dashboard's rate() has a series before the first copy.
        duplicates.Add(0);
    }

    public void Found(long copies)
    {
        if (copies > 0)
        {
            duplicates.Add(copies);
        }
    }
}

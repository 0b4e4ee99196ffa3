using Billing.Events;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>The rule both ledgers share: each event not applied before goes to the aggregate of its calendar month.</summary>
public static class MonthlyAggregation
{
    /// <returns>How many events were new.</returns>
    public static int Apply<TAggregate>(
        Dictionary<BillingMonth, TAggregate> months,
        AppliedOffsets offsets,
        IEnumerable<IngestedEvent> events,
        Action<TAggregate, BillableEvent> add)
        where TAggregate : new()
    {
        var applied = 0;
        foreach (var ingested in events)
        {
            if (!offsets.TryAdvance(ingested.Partition, ingested.Offset))
            {
                continue;
            }

            var month = BillingMonth.Of(ingested.Event.Time);
            if (!months.TryGetValue(month, out var aggregate))
            {
                aggregate = new TAggregate();
                months.Add(month, aggregate);
            }

            add(aggregate, ingested.Event);
            applied++;
        }

        return applied;
    }
}

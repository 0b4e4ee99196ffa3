using Billing.Events;

namespace Billing.Grains.Domain;

/// <summary>
/// Per Kafka partition, the highest offset whose effect is in this state. Stored in the same write as the
/// aggregate, it makes a redelivered record (after a crash or a partition hand-over) a no-op.
/// </summary>
[GenerateSerializer]
[Alias("billing.applied-offsets")]
public sealed class AppliedOffsets
{
    [Id(0)]
    public Dictionary<int, long> HighestByPartition { get; init; } = [];

    /// <summary>
    /// Records <paramref name="offset"/> as applied unless it already was. Within a stream the events of one
    /// partition arrive in offset order, so everything at or below the highest offset has been applied.
    /// </summary>
    /// <returns>True when the event is new and must be applied.</returns>
    public bool TryAdvance(int partition, long offset)
    {
        if (HighestByPartition.TryGetValue(partition, out var highest) && offset <= highest)
        {
            return false;
        }

        HighestByPartition[partition] = offset;
        return true;
    }

    /// <summary>
    /// Hands each event not applied before to <paramref name="apply"/>, once, and records it as applied: the
    /// rule every ledger shares.
    /// </summary>
    /// <returns>How many events were new.</returns>
    public int ApplyNew(IEnumerable<IngestedEvent> events, Action<BillableEvent> apply)
    {
        var applied = 0;
        foreach (var ingested in events)
        {
            if (TryAdvance(ingested.Partition, ingested.Offset))
            {
                apply(ingested.Event);
                applied++;
            }
        }

        return applied;
    }
}

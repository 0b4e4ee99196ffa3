using Billing.Streams;

namespace Billing.Grains.Ingestion;

/// <summary>
/// Holds the latest stall reports of every silo and the pending skip orders, in memory: stalls are the state
/// of the moment, and a lost skip order (this grain moved) is only given again.
/// </summary>
public sealed class DeliveryStallsGrain(TimeProvider time) : Grain, IDeliveryStallsGrain
{
    /// <summary>Silos report every second while stalled; one silent for this long has died or recovered.</summary>
    private static readonly TimeSpan ReportLifetime = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, (DateTimeOffset At, IReadOnlyList<DeliveryStall> Stalls)> bySilo = new(StringComparer.Ordinal);
    private readonly HashSet<DeliverySkipOrder> skipOrders = [];

    public Task<IReadOnlyList<DeliverySkipOrder>> ReportAsync(string silo, IReadOnlyList<DeliveryStall> stalls)
    {
        bySilo[silo] = (time.GetUtcNow(), stalls);
        // An order whose delivery went through or was skipped has nothing left to do.
        skipOrders.RemoveWhere(order => !Current().Any(stall => Matches(order, stall)));
        return Task.FromResult<IReadOnlyList<DeliverySkipOrder>>([.. skipOrders.Where(order => stalls.Any(stall => Matches(order, stall)))]);
    }

    public Task<IReadOnlyList<DeliveryStall>> GetAsync() =>
        Task.FromResult<IReadOnlyList<DeliveryStall>>([.. Current()
            .Select(stall => stall with { SkipOrdered = stall.SkipOrdered || skipOrders.Any(order => Matches(order, stall)) })
            .OrderBy(stall => stall.Partition)]);

    public Task<bool> OrderSkipAsync(DeliverySkipOrder order)
    {
        if (!Current().Any(stall => Matches(order, stall)))
        {
            return Task.FromResult(false);
        }

        skipOrders.Add(order);
        return Task.FromResult(true);
    }

    private IEnumerable<DeliveryStall> Current()
    {
        var now = time.GetUtcNow();
        return bySilo.Values.Where(report => now - report.At <= ReportLifetime).SelectMany(report => report.Stalls);
    }

    private static bool Matches(DeliverySkipOrder order, DeliveryStall stall) =>
        order.Partition == stall.Partition && order.FirstOffset == stall.FirstOffset;
}

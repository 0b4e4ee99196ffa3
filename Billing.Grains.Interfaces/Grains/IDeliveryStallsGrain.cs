using Billing.Streams;
using Orleans.Concurrency;

namespace Billing.Grains;

/// <summary>
/// The partitions that wait behind a failing delivery, cluster-wide (key 0), and the operators' orders to
/// skip such a delivery. Silos report what their receivers see once a second while anything is stalled; the
/// state is that of the moment, kept in memory: a silo that stops reporting for a while has its stalls dropped.
/// </summary>
public interface IDeliveryStallsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Replaces what <paramref name="silo"/> reported before with <paramref name="stalls"/> (empty when it has
    /// none left), and answers the skip orders for the partitions it reports.
    /// </summary>
    Task<IReadOnlyList<DeliverySkipOrder>> ReportAsync(string silo, IReadOnlyList<DeliveryStall> stalls);

    /// <summary>Every stalled partition, in partition order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DeliveryStall>> GetAsync();

    /// <summary>
    /// Orders the failing delivery of <paramref name="order"/>'s partition from its first offset skipped: its
    /// records go to the dead-letter topic (reason <c>skipped-by-operator</c>) and the partition moves on. For a
    /// record that can never be delivered: a decision for an operator, never for a timer.
    /// </summary>
    /// <returns>False when no delivery of that partition starting at that offset is failing.</returns>
    Task<bool> OrderSkipAsync(DeliverySkipOrder order);
}

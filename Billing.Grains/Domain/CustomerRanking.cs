using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>How customers rank within a month, and which of two standings of one customer is current.</summary>
public static class CustomerRanking
{
    /// <summary>
    /// How many customers per month each silo reports and the leaderboard keeps: the most the API hands out.
    /// Both are the same depth on purpose: a customer the leaderboard keeps but whose silo no longer reports
    /// it has that many customers ahead of it on its silo, all reported, so it drops out rather than showing
    /// an old total.
    /// </summary>
    public const int Depth = 100;

    /// <summary>Higher total first; equal totals in ordinal order of the customer id, so the order never flickers.</summary>
    public static IComparer<CustomerStanding> Order { get; } = Comparer<CustomerStanding>.Create(static (left, right) =>
    {
        var byTotal = right.Total.CompareTo(left.Total);
        return byTotal != 0 ? byTotal : string.CompareOrdinal(left.Customer, right.Customer);
    });

    private static readonly IComparer<CustomerStanding> LastFirst = Comparer<CustomerStanding>.Create(static (left, right) => Order.Compare(right, left));

    /// <summary>
    /// Of two standings of one customer in one month, the current one. A customer that moved to another silo
    /// leaves its older standing behind (in the old silo's last report, and in what the leaderboard kept).
    /// Amounts are always positive, so a month's total only grows: the larger total is the later state, and
    /// a stale standing ranks below the fresh one. The total decides rather than the time of the update
    /// because two silos' wall clocks may disagree; the time decides only between equal totals (the customer's
    /// usage of another month changed), and then the later one is shown.
    /// </summary>
    public static CustomerStanding Current(CustomerStanding one, CustomerStanding other) =>
        one.Total > other.Total || (one.Total == other.Total && one.UpdatedAt >= other.UpdatedAt) ? one : other;

    /// <summary>The first <paramref name="count"/> of <paramref name="standings"/> (one month, one standing per customer) in <see cref="Order"/>.</summary>
    public static CustomerStanding[] Top(IEnumerable<CustomerStanding> standings, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        // A bounded heap whose root is the last of those kept: one pass, whatever the number of customers.
        var kept = new PriorityQueue<CustomerStanding, CustomerStanding>(LastFirst);
        foreach (var standing in standings)
        {
            if (kept.Count < count)
            {
                kept.Enqueue(standing, standing);
            }
            else if (Order.Compare(standing, kept.Peek()) < 0)
            {
                kept.EnqueueDequeue(standing, standing);
            }
        }

        var top = kept.UnorderedItems.Select(item => item.Element).ToArray();
        Array.Sort(top, Order);
        return top;
    }

    /// <summary>
    /// One month's <paramref name="kept"/> standings merged with newly <paramref name="reported"/> ones: the
    /// current standing per customer (<see cref="Current"/>), the first <paramref name="count"/> in <see cref="Order"/>.
    /// </summary>
    public static CustomerStanding[] Merge(IEnumerable<CustomerStanding> kept, IEnumerable<CustomerStanding> reported, int count)
    {
        var byCustomer = new Dictionary<string, CustomerStanding>(StringComparer.Ordinal);
        foreach (var standing in kept.Concat(reported))
        {
            byCustomer[standing.Customer] = byCustomer.TryGetValue(standing.Customer, out var known) ? Current(known, standing) : standing;
        }

        return Top(byCustomer.Values, count);
    }
}

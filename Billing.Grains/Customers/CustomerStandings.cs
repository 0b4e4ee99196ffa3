using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>
/// This silo's customers and their current totals per month not invoiced yet, for the leaderboard. Customer
/// grains update it after each stored batch and each issued invoice: no grain call, only a lock and a
/// dictionary, so ingestion does not wait on it. <see cref="CustomerStandingsAgent"/> sends its top to the
/// leaderboard every couple of seconds.
/// </summary>
public sealed class CustomerStandings
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    // The customers whose grains left this silo while their last update was not reported yet.
    private readonly HashSet<string> retired = new(StringComparer.Ordinal);
    private long version;
    private long reportedVersion = -1;

    /// <summary>Changes with every update: equal versions mean equal standings.</summary>
    public long Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    /// <summary>Takes <paramref name="customer"/>'s months not invoiced yet with their totals, replacing what it held.</summary>
    public void Update(string customer, CustomerUsageState state)
    {
        // Built outside the lock: a month or two per customer.
        CustomerStanding[] standings = state.UpdatedAt is { } updatedAt
            ? [.. state.Months.Select(window => new CustomerStanding(customer, window.Key, window.Value.Total, updatedAt))]
            : [];
        lock (gate)
        {
            version++;
            retired.Remove(customer);
            if (standings.Length == 0)
            {
                entries.Remove(customer);
            }
            else
            {
                entries[customer] = new Entry(standings, version);
            }
        }
    }

    /// <summary>
    /// <paramref name="customer"/>'s grain left this silo. Its standings go once the leaderboard has had them,
    /// not before: its last batch may not have been reported yet.
    /// </summary>
    public void Retire(string customer)
    {
        lock (gate)
        {
            if (entries.TryGetValue(customer, out var entry))
            {
                if (entry.Version <= reportedVersion)
                {
                    entries.Remove(customer);
                }
                else
                {
                    retired.Add(customer);
                }
            }
        }
    }

    /// <summary>
    /// Per month after <paramref name="closedThrough"/>, the first <paramref name="depth"/> customers in
    /// <see cref="CustomerRanking.Order"/>, months in order; with the <see cref="Version"/> they reflect.
    /// </summary>
    public (long Version, IReadOnlyList<CustomerStanding> Standings) Top(BillingMonth? closedThrough, int depth)
    {
        Entry[] current;
        long at;
        lock (gate)
        {
            current = [.. entries.Values];
            at = version;
        }

        // Entries are immutable, so the ranking runs outside the lock while grains go on updating.
        var byMonth = current
            .SelectMany(entry => entry.Standings)
            .Where(standing => !(standing.Month <= closedThrough))
            .GroupBy(standing => standing.Month)
            .OrderBy(month => month.Key);
        return (at, [.. byMonth.SelectMany(month => CustomerRanking.Top(month, depth))]);
    }

    /// <summary>
    /// The leaderboard has the standings of <paramref name="reported"/> (a <see cref="Top"/>'s version): the
    /// customers that left this silo since have nothing more to tell it and go.
    /// </summary>
    public void MarkReported(long reported)
    {
        lock (gate)
        {
            reportedVersion = Math.Max(reportedVersion, reported);
            foreach (var customer in retired.Where(customer => entries[customer].Version <= reportedVersion).ToList())
            {
                entries.Remove(customer);
                retired.Remove(customer);
            }
        }
    }

    /// <param name="Standings">The customer's months not invoiced yet, each with its total.</param>
    /// <param name="Version">The <see cref="CustomerStandings.Version"/> of the update that made it.</param>
    private sealed record Entry(CustomerStanding[] Standings, long Version);
}

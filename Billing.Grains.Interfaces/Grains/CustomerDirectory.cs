using System.Text;
using Billing.Usage;

namespace Billing.Grains;

/// <summary>
/// The customer directory as a whole: <see cref="ShardCount"/> shards (<see cref="ICustomerDirectoryGrain"/>),
/// each customer in the shard its id hashes to, so that no grain holds every customer and reports from many
/// customers spread over many grains.
/// </summary>
public static class CustomerDirectory
{
    /// <summary>
    /// How many shards there are. Never change it on a deployment with data: customers would be looked for
    /// in other shards than the ones holding them.
    /// </summary>
    public const int ShardCount = 64;

    /// <summary>
    /// How many pages a shard stores its customers in: a report rewrites only the pages of the customers it
    /// names, so that the cost of a report does not grow with the shard. The same warning as for
    /// <see cref="ShardCount"/> applies.
    /// </summary>
    public const int PagesPerShard = 256;

    /// <summary>The shard of <paramref name="customer"/>: FNV-1a of its UTF-8 bytes, the same in every process.</summary>
    public static int ShardOf(string customer) => (int)(Hash(customer) % ShardCount);

    /// <summary>The page of its shard that holds <paramref name="customer"/>: the bits of the same hash above the shard's.</summary>
    public static int PageOf(string customer) => (int)(Hash(customer) / ShardCount % PagesPerShard);

    private static uint Hash(string customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(customer))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    /// <summary>Every shard.</summary>
    public static IEnumerable<ICustomerDirectoryGrain> Shards(IGrainFactory grains) =>
        Enumerable.Range(0, ShardCount).Select(shard => grains.GetGrain<ICustomerDirectoryGrain>(shard));

    /// <summary>Every customer, in ordinal order.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(IGrainFactory grains)
    {
        var lists = await Task.WhenAll(Shards(grains).Select(shard => shard.ListAsync()));
        return [.. lists.SelectMany(list => list).Order(StringComparer.Ordinal)];
    }

    /// <summary>Per month, oldest first, how many customers hold its window; months nobody holds are left out.</summary>
    public static async Task<IReadOnlyList<OpenWindowCount>> CountOpenWindowsAsync(IGrainFactory grains)
    {
        var counts = await Task.WhenAll(Shards(grains).Select(shard => shard.CountOpenWindowsAsync()));
        return [.. counts.SelectMany(list => list)
            .GroupBy(count => count.Month)
            .OrderBy(month => month.Key)
            .Select(month => new OpenWindowCount(month.Key, month.Sum(count => count.Windows)))];
    }
}

using Billing.Usage;
using Orleans.Concurrency;

namespace Billing.Grains;

/// <summary>
/// The customers with the highest current totals per month not closed yet (key 0: there is one). Every silo
/// reports the top of the customers active on it; the leaderboard merges the reports into what it keeps, so
/// customers no longer active stay listed. Nothing here scans customers.
/// </summary>
public interface ICustomerLeaderboardGrain : IGrainWithIntegerKey
{
    /// <summary>Merges a silo's report: its top customers per month, and the months the watermark has closed (those leave).</summary>
    Task ReportAsync(StandingsReport report);

    /// <summary>The months with standings, oldest first: the months not closed yet that have usage.</summary>
    [ReadOnly]
    Task<IReadOnlyList<BillingMonth>> MonthsAsync();

    /// <summary>
    /// The first <paramref name="count"/> customers of <paramref name="month"/>, or of the latest month with
    /// standings when it is null; null only when no month has any. A month closed or without usage has none.
    /// </summary>
    [ReadOnly]
    Task<MonthStandings?> GetTopAsync(BillingMonth? month, int count);
}

using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Merges silos' reports into the leaderboard's state, and reads the top of a month from it.</summary>
public static class CustomerLeaderboard
{
    /// <summary>
    /// Takes the report's closed month (months at or before it are invoiced, or being invoiced, and leave),
    /// and merges its standings of the other months into what is kept, at most <paramref name="depth"/> per month.
    /// Standings of customers the report does not name stay: their silo may be gone, or they are inactive.
    /// </summary>
    /// <returns>True when the state changed and must be written.</returns>
    public static bool Merge(CustomerLeaderboardState state, StandingsReport report, int depth)
    {
        var changed = false;
        if (report.ClosedThrough is { } reportedClosed && !(reportedClosed <= state.ClosedThrough))
        {
            state.ClosedThrough = reportedClosed;
            changed = true;
        }

        foreach (var closed in state.Months.Keys.Where(month => month <= state.ClosedThrough).ToList())
        {
            state.Months.Remove(closed);
            changed = true;
        }

        foreach (var month in report.Standings.Where(standing => !(standing.Month <= state.ClosedThrough)).GroupBy(standing => standing.Month))
        {
            var kept = state.Months.GetValueOrDefault(month.Key) ?? [];
            var merged = CustomerRanking.Merge(kept, month, depth);
            if (!merged.SequenceEqual(kept))
            {
                state.Months[month.Key] = merged;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>The months with standings, oldest first.</summary>
    public static IReadOnlyList<BillingMonth> Months(CustomerLeaderboardState state) => [.. state.Months.Keys.Order()];

    /// <summary>
    /// The first <paramref name="count"/> customers of <paramref name="month"/>, or of the latest month with
    /// standings when it is null; null when there is no such month.
    /// </summary>
    public static MonthStandings? Top(CustomerLeaderboardState state, BillingMonth? month, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((month ?? (state.Months.Count == 0 ? null : state.Months.Keys.Max())) is not { } shown)
        {
            return null;
        }

        return new MonthStandings(shown, [.. (state.Months.GetValueOrDefault(shown) ?? []).Take(count)]);
    }
}

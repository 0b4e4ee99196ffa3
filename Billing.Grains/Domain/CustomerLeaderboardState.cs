using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>What the leaderboard persists: the merged top customers of every month not closed yet.</summary>
[GenerateSerializer]
[Alias("billing.customer-leaderboard-state")]
public sealed class CustomerLeaderboardState
{
    /// <summary>The latest month any silo reported closed: it and the months before it have left.</summary>
    [Id(0)]
    public BillingMonth? ClosedThrough { get; set; }

    /// <summary>Per month, its top customers in <see cref="CustomerRanking.Order"/>, at most <see cref="CustomerRanking.Depth"/>.</summary>
    [Id(1)]
    public Dictionary<BillingMonth, CustomerStanding[]> Months { get; init; } = [];
}

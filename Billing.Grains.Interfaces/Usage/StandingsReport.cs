namespace Billing.Usage;

/// <summary>What one silo tells the leaderboard: the top of its customers in each month not closed yet.</summary>
/// <param name="ClosedThrough">The latest month the watermark has closed, as the silo knows it; null if none.</param>
/// <param name="Standings">Per month after <paramref name="ClosedThrough"/>, the silo's customers with the highest totals.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.standings-report")]
public sealed record StandingsReport(
    [property: Id(0)] BillingMonth? ClosedThrough,
    [property: Id(1)] IReadOnlyList<CustomerStanding> Standings);

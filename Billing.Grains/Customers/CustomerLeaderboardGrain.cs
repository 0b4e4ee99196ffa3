using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>
/// The customers with the highest current totals, merged from every silo's report (every two seconds while
/// totals move, every ten otherwise). The merged lists are persisted, written behind, so that after a restart
/// customers no longer active are still listed, and reports merge into them.
/// </summary>
public sealed class CustomerLeaderboardGrain(
    [PersistentState("customer-leaderboard", BillingStorage.Name)] IPersistentState<CustomerLeaderboardState> state)
    : Grain, ICustomerLeaderboardGrain
{
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly WriteBehind<CustomerLeaderboardState> writer = new(state, WriteInterval);

    public Task ReportAsync(StandingsReport report)
    {
        if (CustomerLeaderboard.Merge(state.State, report, CustomerRanking.Depth))
        {
            writer.Changed(this);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BillingMonth>> MonthsAsync() => Task.FromResult(CustomerLeaderboard.Months(state.State));

    public Task<MonthStandings?> GetTopAsync(BillingMonth? month, int count) => Task.FromResult(CustomerLeaderboard.Top(state.State, month, count));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => writer.WriteIfDirtyAsync();
}

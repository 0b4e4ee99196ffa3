using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>
/// The set of customers with events, and the months each holds not invoiced yet. Reports arrive in bursts
/// (thousands when ingestion starts, and again when a month turns), and the state is the whole set, so it is
/// written behind, at most once a second, not once per report.
/// </summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState("customer-directory", BillingStorage.Name)] IPersistentState<CustomerDirectoryState> state)
    : Grain, ICustomerDirectoryGrain
{
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly WriteBehind<CustomerDirectoryState> writer = new(state, WriteInterval);
    private OpenWindowTally? tally;

    // Built on first use, from the state as it was read at activation.
    private OpenWindowTally Tally => tally ??= new OpenWindowTally(state.State);

    public Task ReportAsync(string customer, IReadOnlyList<BillingMonth> openMonths)
    {
        if (Tally.Report(customer, openMonths))
        {
            writer.Changed(this);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Customers.Order(StringComparer.Ordinal)]);

    public Task<IReadOnlyList<OpenWindowCount>> CountOpenWindowsAsync() => Task.FromResult(Tally.Count());

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => writer.WriteIfDirtyAsync();
}

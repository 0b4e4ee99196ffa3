namespace Billing.Grains.Customers;

/// <summary>
/// The set of customers with events. New customers arrive in bursts (thousands when ingestion starts), and
/// the state is the whole set, so it is written behind, at most once a second, not once per customer.
/// </summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState("customer-directory", BillingStorage.Name)] IPersistentState<CustomerDirectoryState> state)
    : Grain, ICustomerDirectoryGrain
{
    private static readonly TimeSpan WriteBehind = TimeSpan.FromSeconds(1);

    private bool dirty;
    private IGrainTimer? writer;

    public Task AddAsync(string customer)
    {
        if (state.State.Customers.Add(customer))
        {
            dirty = true;
            writer ??= this.RegisterGrainTimer(WriteIfDirtyAsync, WriteBehind, WriteBehind);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Customers.Order(StringComparer.Ordinal)]);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteIfDirtyAsync();

    private async Task WriteIfDirtyAsync()
    {
        if (dirty)
        {
            dirty = false;
            await state.WriteStateAsync();
        }
    }
}

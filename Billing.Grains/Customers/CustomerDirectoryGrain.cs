namespace Billing.Grains.Customers;

/// <summary>The set of customers with events, kept in the billing storage.</summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState("customer-directory", BillingStorage.Name)] IPersistentState<CustomerDirectoryState> state)
    : Grain, ICustomerDirectoryGrain
{
    public async Task AddAsync(string customer)
    {
        if (state.State.Customers.Add(customer))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Customers.Order(StringComparer.Ordinal)]);
}

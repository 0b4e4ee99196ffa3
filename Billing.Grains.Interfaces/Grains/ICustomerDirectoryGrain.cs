namespace Billing.Grains;

/// <summary>The customers that have had events, so that people can pick one. Key 0: there is one directory.</summary>
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a customer; adding one twice changes nothing.</summary>
    Task AddAsync(string customer);

    /// <summary>Every customer, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync();
}

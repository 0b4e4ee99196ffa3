namespace Billing.IntegrationTests.Storage;

/// <summary>A grain that keeps a value in the billing grain storage and can register a reminder.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task WriteAsync(string value);

    Task<string?> ReadAsync();

    Task RegisterReminderAsync(string reminderName);
}

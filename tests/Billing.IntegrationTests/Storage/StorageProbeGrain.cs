using Billing.Grains;

namespace Billing.IntegrationTests.Storage;

/// <summary>
/// Keeps its state under the state name "probe", which no billing grain uses: state rows are keyed by grain
/// key and state name, so a shared name would share a row (orleans #8746).
/// </summary>
public sealed class StorageProbeGrain(
    [PersistentState("probe", BillingStorage.Name)] IPersistentState<StorageProbeState> state)
    : Grain, IStorageProbeGrain, IRemindable
{
    public async Task WriteAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> ReadAsync() => Task.FromResult(state.State.Value);

    // Far in the future: the test checks that the reminder is stored, not that it fires.
    public Task RegisterReminderAsync(string reminderName) =>
        this.RegisterOrUpdateReminder(reminderName, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

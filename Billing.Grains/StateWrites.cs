namespace Billing.Grains;

/// <summary>The one rule every billing grain follows when it stores a batch's effect.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the state. If the write fails, this activation's memory is ahead of the store, so it must not
    /// answer another query: it deactivates, the next activation reloads what was stored, and the stream
    /// redelivers the batch (the applied offsets make that exact).
    /// </summary>
    public static Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, IGrainContext grain) =>
        OrDeactivateAsync(grain, state.WriteStateAsync);

    /// <summary>
    /// Runs a step of storing what the activation has already applied in memory (a write, or a report that
    /// must precede it), deactivating if it fails, by the same rule as <see cref="WriteOrDeactivateAsync{TState}"/>.
    /// Without it the redelivered batch would find its offsets applied, change nothing, store nothing, and be
    /// committed: its effect would live only in this activation's memory.
    /// </summary>
    public static async Task OrDeactivateAsync(IGrainContext grain, Func<Task> store)
    {
        try
        {
            await store();
        }
        catch
        {
            grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "Storing the state failed; reload it."));
            throw;
        }
    }
}

namespace Billing.Grains;

/// <summary>The one rule every billing grain follows when it stores a batch's effect.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the state. If the write fails, this activation's memory is ahead of the store, so it must not
    /// answer another query: it deactivates, the next activation reloads what was stored, and the stream
    /// redelivers the batch (the applied offsets make that exact).
    /// </summary>
    public static async Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, IGrainContext grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "Storing the state failed; reload it."));
            throw;
        }
    }
}

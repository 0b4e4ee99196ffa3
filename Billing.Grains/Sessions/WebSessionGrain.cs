namespace Billing.Grains.Sessions;

/// <summary>Keeps one browser session's ticket; see <see cref="IWebSessionGrain"/>.</summary>
public sealed class WebSessionGrain(
    [PersistentState("web-session", BillingStorage.Name)] IPersistentState<WebSessionState> state,
    TimeProvider time)
    : Grain, IWebSessionGrain
{
    public async Task KeepAsync(byte[] ticket, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        state.State.Ticket = ticket;
        state.State.ExpiresAt = expiresAt;
        await state.WriteOrDeactivateAsync(GrainContext);
    }

    public async Task<byte[]?> GetAsync()
    {
        if (state.State.Ticket is null)
        {
            return null;
        }

        if (state.State.ExpiresAt <= time.GetUtcNow())
        {
            // Expired: forget it, so that abandoned sessions do not keep their tickets around once asked for.
            await EndAsync();
            return null;
        }

        return state.State.Ticket;
    }

    public async Task EndAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new WebSessionState();
        DeactivateOnIdle();
    }
}

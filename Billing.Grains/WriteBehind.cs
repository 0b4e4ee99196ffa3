namespace Billing.Grains;

/// <summary>
/// Writes a grain's state behind its changes: at most once per interval, and when the grain deactivates. For
/// the singleton grains that many others report to (the customer directory, the leaderboard), where a write
/// per report would cost more than the report; a crash loses at most the last interval, which the reporters
/// send again with their next change.
/// </summary>
internal sealed class WriteBehind<TState>(IPersistentState<TState> state, TimeSpan interval)
{
    private bool dirty;
    private IGrainTimer? timer;

    /// <summary>The state changed: write it within the interval.</summary>
    public void Changed(IGrainBase grain)
    {
        dirty = true;
        timer ??= grain.RegisterGrainTimer(WriteIfDirtyAsync, interval, interval);
    }

    /// <summary>Writes the state if it changed since the last write (on each tick, and on deactivation).</summary>
    public async Task WriteIfDirtyAsync()
    {
        if (!dirty)
        {
            return;
        }

        dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Still unwritten: the next tick tries again rather than waiting for the next change.
            dirty = true;
            throw;
        }
    }
}

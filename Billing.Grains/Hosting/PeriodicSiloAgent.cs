namespace Billing.Grains.Hosting;

/// <summary>
/// Work a silo does on a timer while it is active: started when the silo becomes active, stopped (the tick in
/// flight awaited) when it stops. A tick must handle its own failures; the next tick is the retry.
/// </summary>
/// <param name="interval">Time between the ends of two ticks' waits (ticks do not overlap).</param>
/// <param name="time">The clock of the timer.</param>
internal abstract class PeriodicSiloAgent(TimeSpan interval, TimeProvider time) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    /// <summary>The clock of the timer, for ticks to read.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>Cancelled when the silo stops.</summary>
    protected CancellationToken Stopping => stopping.Token;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>One round of the agent's work.</summary>
    protected abstract Task TickAsync();

    /// <summary>Work a tick started but did not await, which stopping waits for too.</summary>
    protected virtual Task Outstanding => Task.CompletedTask;

    private Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (loop is { } running)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Outstanding.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await TickAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

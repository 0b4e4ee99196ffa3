using Microsoft.AspNetCore.Components;

namespace Billing.Web.Components.Admin;

/// <summary>
/// An admin panel showing something no grain pushes (the pipeline status, the leaderboard): it reads it once to
/// render, then, on a live circuit, again every two seconds on a server timer that stops with the page. A failed
/// read keeps the view before it and sets <see cref="Failed"/>; the next tick is the retry. The timer and the
/// read time come from the app's <see cref="TimeProvider"/>.
/// </summary>
public abstract class RefreshingPanel<TView> : ComponentBase, IDisposable
    where TView : class
{
    /// <summary>How often the panel reads again.</summary>
    protected static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stopping = new();
    private PeriodicTimer? timer;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>The latest view read, or null before the first successful read.</summary>
    protected TView? View { get; private set; }

    /// <summary>When <see cref="View"/> was read.</summary>
    protected DateTimeOffset ReadAt { get; private set; }

    /// <summary>Whether the latest read failed.</summary>
    protected bool Failed { get; private set; }

    /// <summary>Reads the view; throws when it cannot (the panel logs it and retries).</summary>
    protected abstract Task<TView> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Logs a failed read.</summary>
    protected abstract void LogFailure(Exception exception);

    protected override async Task OnInitializedAsync()
    {
        Apply(await TryReadAsync());
        if (RendererInfo.IsInteractive)
        {
            timer = new PeriodicTimer(RefreshEvery, Time);
            _ = RefreshAsync(timer);
        }
    }

    private async Task RefreshAsync(PeriodicTimer ticks)
    {
        try
        {
            while (await ticks.WaitForNextTickAsync())
            {
                var latest = await TryReadAsync();
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                await InvokeAsync(() =>
                {
                    Apply(latest);
                    StateHasChanged();
                });
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between the read and the render.
        }
    }

    /// <returns>The view, or null when it could not be read.</returns>
    private async Task<TView?> TryReadAsync()
    {
        try
        {
            return await ReadAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception)
        {
            LogFailure(exception);
            return null;
        }
    }

    private void Apply(TView? latest)
    {
        Failed = latest is null;
        if (latest is not null)
        {
            (View, ReadAt) = (latest, Time.GetUtcNow());
        }
    }

    public void Dispose()
    {
        // The source is cancelled, not disposed: a read in flight may still be registering on its token, and
        // a source without a timer holds nothing to release.
        stopping.Cancel();
        timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}

using Billing.Web.Api;

namespace Billing.Web.Admin;

/// <summary>
/// The pipeline status for the admin panels, read at most once per <see cref="MaxAge"/> however many tabs and
/// panels ask: reading it asks Kafka for metadata, offsets and watermarks and calls several grains, so every
/// open admin tab reading its own every two seconds would multiply that load. A caller gets the latest read
/// when it started less than <see cref="MaxAge"/> ago, joins a read under way, or starts the next one. A
/// failed read is shared the same way, so a broker that is down is not asked again by every tab.
/// </summary>
/// <remarks><c>GET /api/status</c> reads afresh each time (<see cref="PipelineStatusReader"/>).</remarks>
/// <param name="read">Reads the status (<see cref="PipelineStatusReader.ReadAsync"/>).</param>
/// <param name="time">The clock the age of a read is measured by.</param>
public sealed class SharedPipelineStatus(Func<CancellationToken, Task<StatusResponse>> read, TimeProvider time)
{
    /// <summary>How long a read serves every caller, counted from its start.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1.5);

    private readonly Lock gate = new();
    private Task<PipelineStatusSnapshot>? latest;
    private DateTimeOffset latestStartedAt;

    /// <summary>The latest status; throws what its read threw.</summary>
    /// <param name="cancellationToken">Stops this caller's wait, not the read, which other callers may share.</param>
    public Task<PipelineStatusSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        Task<PipelineStatusSnapshot> shared;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (latest is null || (latest.IsCompleted && now - latestStartedAt >= MaxAge))
            {
                // On the thread pool, so nothing of the read runs under the lock.
                latest = Task.Run(ReadAsync, CancellationToken.None);
                latestStartedAt = now;
            }

            shared = latest;
        }

        return shared.WaitAsync(cancellationToken);
    }

    private async Task<PipelineStatusSnapshot> ReadAsync()
    {
        var status = await read(CancellationToken.None);
        return new PipelineStatusSnapshot(status, time.GetUtcNow());
    }
}

namespace Billing.Web.Ingest;

/// <summary>
/// How many events this process still accepts now: a token bucket counted in events, holding at most one
/// second's worth and refilled continuously at <c>eventsPerSecond</c>. A request takes all its events or none,
/// so a batch is never half admitted.
/// </summary>
/// <remarks>Thread-safe; one per process, shared by every caller.</remarks>
public sealed class EventRateBudget
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly double perSecond;
    private double tokens;
    private long refilledAt;

    public EventRateBudget(int eventsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventsPerSecond, 1);
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        perSecond = eventsPerSecond;
        Capacity = eventsPerSecond;
        tokens = Capacity;
        refilledAt = time.GetTimestamp();
    }

    /// <summary>The most events one request may take: a full bucket.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Takes <paramref name="events"/> from the budget if all are there; otherwise takes nothing and says how long
    /// until they would be.
    /// </summary>
    /// <param name="events">The events of one request, 1 to <see cref="Capacity"/>.</param>
    /// <param name="retryAfter">When refused: the time until the budget holds <paramref name="events"/>; else zero.</param>
    public bool TryTake(int events, out TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(events, Capacity);
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(Capacity, tokens + (time.GetElapsedTime(refilledAt, now).TotalSeconds * perSecond));
            refilledAt = now;
            if (tokens >= events)
            {
                tokens -= events;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((events - tokens) / perSecond);
            return false;
        }
    }
}

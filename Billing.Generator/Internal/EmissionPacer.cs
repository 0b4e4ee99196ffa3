namespace Billing.Generator.Internal;

/// <summary>
/// Decides when, in wall-clock time, each event may be sent: not before the event-time clock reaches its
/// position, and never more than the rate limit in any one-second window.
/// </summary>
/// <remarks>
/// Both waits are against absolute times measured from <see cref="Start"/>, so timer granularity never adds up
/// to drift: after a late wake-up, everything already due goes out at once. Not thread-safe: one sender.
/// </remarks>
internal sealed class EmissionPacer
{
    private const double SecondsPerDay = 86_400;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // Below this a wait is not worth a timer; it is rounded up instead of spinning.
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _origin;
    private readonly double _eventDaysPerSecond;

    // When (elapsed since start) each of the last MaxEventsPerSecond sends happened: a ring, oldest at _next.
    private readonly TimeSpan[] _recentSends;
    private int _next;
    private long _sent;
    private long _startTimestamp;

    public EmissionPacer(TimeProvider time, DateTimeOffset origin, double eventDaysPerSecond, int maxEventsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventDaysPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEventsPerSecond);
        _time = time;
        _origin = origin;
        _eventDaysPerSecond = eventDaysPerSecond;
        _recentSends = new TimeSpan[maxEventsPerSecond];
    }

    /// <summary>Where the event-time clock stands now.</summary>
    public DateTimeOffset Clock => _origin + (Elapsed * (_eventDaysPerSecond * SecondsPerDay));

    private TimeSpan Elapsed => _time.GetElapsedTime(_startTimestamp);

    /// <summary>Starts both clocks: event time stands at the origin now.</summary>
    public void Start() => _startTimestamp = _time.GetTimestamp();

    /// <summary>The wall-clock time after <see cref="Start"/> at which the event-time clock reaches <paramref name="position"/>.</summary>
    public TimeSpan DueAfterStart(DateTimeOffset position) =>
        TimeSpan.FromSeconds(Math.Max(0, (position - _origin).TotalDays / _eventDaysPerSecond));

    /// <summary>Waits until an event at <paramref name="position"/> may be sent, and counts it as sent.</summary>
    public async ValueTask WaitToSendAsync(DateTimeOffset position, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(DueAfterStart(position), cancellationToken).ConfigureAwait(false);

        // The send this one would make the (limit+1)-th within a window must be a full window ago.
        if (_sent >= _recentSends.Length)
        {
            await WaitUntilAsync(_recentSends[_next] + Window, cancellationToken).ConfigureAwait(false);
        }

        _recentSends[_next] = Elapsed;
        _next = (_next + 1) % _recentSends.Length;
        _sent++;
    }

    private async ValueTask WaitUntilAsync(TimeSpan dueAfterStart, CancellationToken cancellationToken)
    {
        for (var wait = dueAfterStart - Elapsed; wait > TimeSpan.Zero; wait = dueAfterStart - Elapsed)
        {
            await Task.Delay(wait < MinWait ? MinWait : wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}

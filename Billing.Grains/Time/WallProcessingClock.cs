namespace Billing.Grains.Time;

/// <summary>The production processing clock: the wall clock of <paramref name="time"/>.</summary>
public sealed class WallProcessingClock(TimeProvider time) : IProcessingClock
{
    /// <inheritdoc />
    public DateTimeOffset GetUtcNow() => time.GetUtcNow();
}

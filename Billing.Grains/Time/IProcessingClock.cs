namespace Billing.Grains.Time;

/// <summary>
/// The clock that event times are judged against: a record's time must be plausible against it, and a partition
/// that races ahead of the others is held to its pace. In production it is the wall clock
/// (<see cref="WallProcessingClock"/>); in the embedded demo, whose generator runs simulated time many days per
/// second, it is the generator's clock, so that the demo's own records are plausible.
/// </summary>
/// <remarks>Called on the pulling agents for every record: it must be cheap and thread-safe.</remarks>
public interface IProcessingClock
{
    /// <summary>The processing time now, in UTC.</summary>
    DateTimeOffset GetUtcNow();
}

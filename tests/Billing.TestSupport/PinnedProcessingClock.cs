using Billing.Grains.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.TestSupport;

/// <summary>
/// A processing clock that stands still, for tests whose event sets are fixed dates in autumn 2026: event times
/// are judged against <see cref="EventSetsNow"/> rather than the wall clock, so those tests keep passing with the
/// real plausibility bounds as the calendar moves on.
/// </summary>
public sealed class PinnedProcessingClock(DateTimeOffset at) : IProcessingClock
{
    /// <summary>Just after the latest month the fixed event sets use (2026-09 to 2026-11).</summary>
    public static readonly DateTimeOffset EventSetsNow = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public DateTimeOffset GetUtcNow() => at;

    /// <summary>Makes the app built by <paramref name="builder"/> judge event times at <see cref="EventSetsNow"/>.</summary>
    public static void PinAtEventSetsNow(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IProcessingClock>(new PinnedProcessingClock(EventSetsNow));
    }
}

using Billing.Generator;
using Billing.Grains.Time;

namespace Billing.Web.Hosting;

/// <summary>
/// The processing clock of the embedded demo: the in-process generator's simulated event time (its
/// <see cref="GeneratorService.EventTimeHorizon"/>), which runs <c>Generator:EventDaysPerSecond</c> days per
/// second. Against the wall clock the demo's own records would soon be far in the future and dead-lettered.
/// </summary>
public sealed class GeneratorProcessingClock(GeneratorService generator) : IProcessingClock
{
    /// <inheritdoc />
    public DateTimeOffset GetUtcNow() => generator.EventTimeHorizon;
}

using Billing.Grains.Hosting;
using Billing.Grains.Time;
using Billing.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Deduplication;

/// <summary>
/// This silo's answer to "which months' event ids are kept": those that ended less than
/// <see cref="BillingOptions.DeduplicationHorizon"/> before the global watermark, as this silo knows it.
/// </summary>
public sealed class EventIdRetention(EventClockView clock, IOptions<BillingOptions> options)
{
    private readonly TimeSpan horizon = options.Value.DeduplicationHorizon;

    /// <summary>The first month whose ids are kept now; null while no watermark is known (every month is kept).</summary>
    public BillingMonth? KeepFrom => DeduplicationHorizon.KeepFrom(clock.Watermark, horizon);
}

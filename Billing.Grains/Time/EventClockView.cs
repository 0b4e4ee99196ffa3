using Billing.Grains.Domain;
using Billing.Grains.Hosting;
using Billing.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Time;

/// <summary>
/// This silo's copy of the global watermark, refreshed by <see cref="EventClockAgent"/> every
/// <see cref="BillingOptions.WatermarkInterval"/>, so customer grains read it without a call. It lags the
/// event clock by at most one interval, which only delays closing.
/// </summary>
public sealed class EventClockView(IGrainFactory grains, IOptions<BillingOptions> options)
{
    private readonly TimeSpan allowedLateness = options.Value.AllowedLateness;

    // The watermark's UTC ticks, 0 while none is known (no watermark lies in year 1). Every customer batch reads
    // it, so it is read and advanced without a lock: a lock here was contended on every delivery.
    private long watermarkTicks;
    private volatile bool loaded;

    /// <summary>The global watermark as last learned, or null.</summary>
    public DateTimeOffset? Watermark =>
        Volatile.Read(ref watermarkTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The latest month closed at <see cref="Watermark"/>, or null.</summary>
    public BillingMonth? ClosedThrough => MonthClosing.ClosedThrough(Watermark, allowedLateness);

    /// <summary>The latest month closed, with the watermark asked of the event clock if this silo has not learned it yet.</summary>
    public async Task<BillingMonth?> GetClosedThroughAsync()
    {
        if (loaded)
        {
            return ClosedThrough;
        }

        var status = await grains.GetGrain<IEventClockGrain>(0).GetStatusAsync();
        Update(status.Watermark);
        return ClosedThrough;
    }

    /// <summary>Takes a newer watermark; an older one is ignored.</summary>
    /// <returns>True when the watermark moved forward.</returns>
    public bool Update(DateTimeOffset? newWatermark)
    {
        loaded = true;
        if (newWatermark is not { } mark)
        {
            return false;
        }

        var ticks = mark.UtcTicks;
        while (true)
        {
            var current = Volatile.Read(ref watermarkTicks);
            if (ticks <= current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref watermarkTicks, ticks, current) == current)
            {
                return true;
            }
        }
    }
}

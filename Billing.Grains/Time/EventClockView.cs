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
    private readonly Lock gate = new();
    private DateTimeOffset? watermark;
    private bool loaded;

    /// <summary>The global watermark as last learned, or null.</summary>
    public DateTimeOffset? Watermark
    {
        get
        {
            lock (gate)
            {
                return watermark;
            }
        }
    }

    /// <summary>The latest month closed at <see cref="Watermark"/>, or null.</summary>
    public BillingMonth? ClosedThrough => MonthClosing.ClosedThrough(Watermark, allowedLateness);

    /// <summary>The latest month closed, with the watermark asked of the event clock if this silo has not learned it yet.</summary>
    public async Task<BillingMonth?> GetClosedThroughAsync()
    {
        lock (gate)
        {
            if (loaded)
            {
                return MonthClosing.ClosedThrough(watermark, allowedLateness);
            }
        }

        var status = await grains.GetGrain<IEventClockGrain>(0).GetStatusAsync();
        Update(status.Watermark);
        return ClosedThrough;
    }

    /// <summary>Takes a newer watermark; an older one is ignored.</summary>
    /// <returns>True when the watermark moved forward.</returns>
    public bool Update(DateTimeOffset? newWatermark)
    {
        lock (gate)
        {
            loaded = true;
            if (newWatermark is not { } mark || mark <= watermark)
            {
                return false;
            }

            watermark = mark;
            return true;
        }
    }
}

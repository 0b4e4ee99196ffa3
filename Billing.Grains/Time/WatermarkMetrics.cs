using System.Diagnostics.Metrics;

namespace Billing.Grains.Time;

/// <summary>
/// The meter <c>Billing.Time</c>: how far the global watermark, as this silo last learned it, trails the wall
/// clock. Event time that stops moving (a stalled partition, a producer that went quiet while others run) shows
/// as a delay that grows by a second per second. Its instrument exists once the silo is active.
/// </summary>
internal sealed class WatermarkMetrics(IMeterFactory meterFactory, EventClockView view, TimeProvider time)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public const string MeterName = "Billing.Time";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WatermarkMetrics), ServiceLifecycleStage.Active, _ =>
        {
            meterFactory.Create(MeterName).CreateObservableGauge(
                "billing.watermark.delay", ObserveDelay, "s", "Wall-clock time minus the global event-time watermark");
            return Task.CompletedTask;
        });

    private IEnumerable<Measurement<double>> ObserveDelay()
    {
        if (view.Watermark is { } watermark)
        {
            yield return new Measurement<double>((time.GetUtcNow() - watermark).TotalSeconds);
        }
    }
}

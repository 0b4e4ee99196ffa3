using System.Diagnostics.Metrics;

namespace Billing.Web.Live;

/// <summary>
/// The meter <c>Billing.Web</c>: live feeds of this web process, by kind (<c>customer</c>, <c>type</c>): the
/// grains observed (one grain observer each, shared by the tabs watching that grain) and the page
/// subscriptions holding them.
/// </summary>
public sealed class LiveFeedMetrics
{
    public const string MeterName = "Billing.Web";

    public LiveFeedMetrics(IMeterFactory meterFactory, CustomerUsageFeed customers, EventTypeUsageFeed types)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "billing.live.feeds", () => Observe(customers, types, counts => counts.Channels), "{feed}",
            "Grains this web process observes for live pages");
        meter.CreateObservableGauge(
            "billing.live.subscriptions", () => Observe(customers, types, counts => counts.Subscriptions), "{subscription}",
            "Open pages subscribed to a live feed");
    }

    private static Measurement<int>[] Observe(
        CustomerUsageFeed customers, EventTypeUsageFeed types, Func<(int Channels, int Subscriptions), int> pick) =>
    [
        new(pick(customers.Count()), new KeyValuePair<string, object?>("kind", "customer")),
        new(pick(types.Count()), new KeyValuePair<string, object?>("kind", "type")),
    ];
}

using System.Net;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;

namespace Billing.SystemTests;

/// <summary>
/// The monitoring port (<c>Monitoring:Port</c>) of the whole app in embedded mode while its generator produces:
/// Prometheus text with the project's, Orleans', ASP.NET Core's and the runtime's metrics, and the health
/// routes; none of it on the public port.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class MonitoringEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MetricsEndpoint_WhileTheGeneratorProduces_ServesTheProjectsMetricsOnItsOwnPort()
    {
        var port = FreePorts.Take(1)[0];
        // Partitions the generator's customers do not reach hold the watermark back until they count as idle.
        await using var host = await BillingAppHost.StartAsync($"--Monitoring:Port={port}", "--Billing:IdlePartitionTimeout=00:00:02");
        using var monitoring = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // A request on the public port, for ASP.NET Core's request metrics.
        Assert.Equal(HttpStatusCode.OK, (await host.AnonymousClient().GetAsync("/health/live")).StatusCode);

        // Events flow: the delivered counter grows between two scrapes, and the watermark is known.
        var first = await BillingAppHost.WaitForAsync(
            async () => PrometheusText.Parse(await monitoring.GetStringAsync("/metrics")),
            metrics => metrics.Sum("billing_kafka_records_delivered_total") > 0 && metrics.Of("billing_watermark_delay_seconds").Any(),
            Patience,
            "records delivered and a watermark");
        var second = await BillingAppHost.WaitForAsync(
            async () => PrometheusText.Parse(await monitoring.GetStringAsync("/metrics")),
            metrics => metrics.Sum("billing_kafka_records_delivered_total") > first.Sum("billing_kafka_records_delivered_total"),
            Patience,
            "more records delivered");

        Assert.True(second.Sum("billing_kafka_records_read_total") >= second.Sum("billing_kafka_records_delivered_total"));
        Assert.Equal(
            second.Sum("billing_kafka_records_handled_total"),
            second.Sum("billing_kafka_records_delivered_total") + second.Sum("billing_kafka_records_deadlettered_total"));
        Assert.NotEmpty(second.Of("billing_kafka_partition_lag", ("topic", "billableevents.incoming")));
        Assert.Equal([("customer", 0.0), ("type", 0.0)], second.Of("billing_live_feeds").Select(s => (s.Labels["kind"], s.Value)).Order());
        Assert.True(second.Sum("orleans_catalog_activations") > 0, "Orleans' meter: activations");
        Assert.True(second.Sum("dotnet_gc_collections_total") > 0, "the runtime's meter");
        Assert.NotEmpty(second.Of("http_server_request_duration_seconds_count", ("http_route", "/health/live")));

        Assert.Equal("Healthy", await monitoring.GetStringAsync("/health/ready"));
        Assert.Equal("Healthy", await monitoring.GetStringAsync("/health/live"));
        var publicMetrics = await host.AnonymousClient().GetAsync("/metrics");
        Assert.DoesNotContain("billing_kafka_records_read_total", await publicMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitoringPort_OutOfRange_StopsStartUpNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BillingAppHost.StartAsync("--Monitoring:Port=70000"));

        Assert.Equal("Monitoring:Port must be a TCP port from 1 to 65535 (was 70000).", error.Message);
    }
}

using System.Text;
using Billing.SystemTests.Infrastructure;

namespace Billing.SystemTests;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the app pushes traces of its HTTP requests and of the grain calls
/// they make, and its metrics, over OTLP (HTTP and protobuf here, to a receiver standing in for a collector).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class OtlpExportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Otlp_WithAnEndpoint_ExportsTracesOfRequestsAndGrainCallsAndMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await BillingAppHost.StartAsync(
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={receiver.Address}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY=200",
            "--OTEL_METRIC_EXPORT_INTERVAL=500",
            "--Generator:Enabled=false");

        // A request whose handler calls grains (the event clock, invoicing health).
        Assert.True((await host.Http.GetAsync("/api/status")).IsSuccessStatusCode);

        await BillingAppHost.WaitForAsync(
            () => Task.FromResult(receiver.Received("traces").Select(Text).ToList()),
            traces => traces.Any(t => t.Contains("/api/status", StringComparison.Ordinal))
                && traces.Any(t => t.Contains("Microsoft.Orleans.Application", StringComparison.Ordinal)),
            Patience,
            "a trace of the request and of the grain call");
        await BillingAppHost.WaitForAsync(
            () => Task.FromResult(receiver.Received("metrics").Select(Text).ToList()),
            metrics => metrics.Any(m => m.Contains("orleans-catalog-activations", StringComparison.Ordinal)),
            Patience,
            "Orleans' metrics");
        Assert.All(receiver.Received("traces").Select(Text), trace => Assert.Contains("billing-web", trace, StringComparison.Ordinal));
    }

    // Protobuf keeps strings as UTF-8 bytes: names and attribute values can be found in the raw body.
    private static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}

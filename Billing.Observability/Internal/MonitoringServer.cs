using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Billing.Observability.Internal;

/// <summary>
/// A web server of its own on <see cref="MonitoringOptions.Port"/>: the Prometheus scrape endpoint and the health
/// routes stay off the public port (the web app's) and exist in processes that serve no HTTP at all (a headless
/// silo, the generator). It reads the host's meter provider and health checks; it has no configuration sources
/// of its own, so the host's <c>urls</c> never rebind it.
/// </summary>
internal sealed class MonitoringServer(
    int port, MeterProvider meterProvider, HealthCheckService health, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));

        app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null, path: "/metrics", configureBranchedPipeline: null, optionsName: null);
        app.UseRouting();
        // Live: the process answers. Ready: every health check of the host passes (started, not stopping, …).
        app.MapGet("/health/live", () => Results.Text("Healthy"));
        app.MapGet("/health/ready", async (CancellationToken requestAborted) =>
        {
            var report = await health.CheckHealthAsync(requestAborted);
            return Results.Text(report.Status.ToString(), statusCode: report.Status == HealthStatus.Healthy ? 200 : 503);
        });

        await app.StartAsync(cancellationToken);
        MonitoringLog.Listening(loggers.CreateLogger<MonitoringServer>(), port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => app?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

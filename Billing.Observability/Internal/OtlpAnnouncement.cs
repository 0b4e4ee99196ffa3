using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.Observability.Internal;

/// <summary>Says once at start-up where telemetry goes, so that an operator sees OTLP is on.</summary>
internal sealed class OtlpAnnouncement(string endpoint, ILogger<OtlpAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        MonitoringLog.ExportingOtlp(logger, endpoint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Logging;

namespace Billing.Observability.Internal;

/// <summary>Log messages of the monitoring port (event ids 6000–6099).</summary>
internal static partial class MonitoringLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information,
        Message = "Monitoring on port {Port}: /metrics (Prometheus), /health/live, /health/ready")]
    public static partial void Listening(ILogger logger, int port);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "OpenTelemetry: metrics and traces are exported over OTLP to {Endpoint}")]
    public static partial void ExportingOtlp(ILogger logger, string endpoint);
}

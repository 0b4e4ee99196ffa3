using Billing.Observability.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Billing.Observability.Hosting;

/// <summary>OpenTelemetry for a billing process: the same meters, exporters and monitoring port in each.</summary>
public static class BillingTelemetryExtensions
{
    /// <summary>The standard OpenTelemetry setting that turns OTLP export on (metrics and traces).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard OpenTelemetry setting that renames the service.</summary>
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>Every meter of the project: their names start with <c>Billing.</c>.</summary>
    public const string BillingMeters = "Billing.*";

    /// <summary>Orleans' meter (activations, grain calls, membership, streams).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    // Grain calls (application and runtime); not storage or lifecycle, which would trace every state write.
    private static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>
    /// Collects the project's meters, Orleans', ASP.NET Core's and the runtime's; serves them for Prometheus on
    /// <c>Monitoring:Port</c> when set, with the health routes; and exports metrics and traces (HTTP requests and
    /// grain calls) over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. A bad <c>Monitoring:</c> value
    /// stops start-up naming the key.
    /// </summary>
    /// <param name="builder">The process's host builder.</param>
    /// <param name="serviceName">The service name unless <c>OTEL_SERVICE_NAME</c> says otherwise.</param>
    public static IHostApplicationBuilder AddBillingTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var monitoring = ReadMonitoringOptions(builder.Configuration);
        var otlpEndpoint = builder.Configuration[OtlpEndpointKey];
        var otlp = !string.IsNullOrWhiteSpace(otlpEndpoint);

        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>());

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration[ServiceNameKey] is { Length: > 0 } configured ? configured : serviceName,
                serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BillingMeters, OrleansMeter).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (monitoring.Port is not null)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OrleansActivitySources)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
            builder.Services.AddHostedService(services => new OtlpAnnouncement(
                otlpEndpoint!, services.GetRequiredService<ILogger<OtlpAnnouncement>>()));
        }

        builder.Services.AddHealthChecks().AddCheck<HostLifetimeHealthCheck>("host");
        if (monitoring.Port is { } port)
        {
            builder.Services.AddHostedService(services => new MonitoringServer(
                port,
                services.GetRequiredService<MeterProvider>(),
                services.GetRequiredService<HealthCheckService>(),
                services.GetRequiredService<ILoggerFactory>()));
        }

        return builder;
    }

    /// <summary>
    /// Whether grain calls are traced: with OTLP export on. Silos and clients then add Orleans' activity
    /// propagation, which costs a little on every call and is useless without an exporter.
    /// </summary>
    public static bool IsTracingEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[OtlpEndpointKey]);

    // Read now, not only at start-up: whether to serve the port decides what is registered.
    private static MonitoringOptions ReadMonitoringOptions(IConfiguration configuration)
    {
        var options = new MonitoringOptions();
        try
        {
            configuration.GetSection(MonitoringOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException(
                $"{MonitoringOptions.SectionName}:Port must be a TCP port from 1 to 65535 (was '{configuration[$"{MonitoringOptions.SectionName}:Port"]}').",
                exception);
        }

        var result = new MonitoringOptionsValidator().Validate(name: null, options);
        return result.Failed ? throw new InvalidOperationException(result.FailureMessage) : options;
    }
}

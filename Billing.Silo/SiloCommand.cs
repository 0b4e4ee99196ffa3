using Billing.Grains.Hosting;
using Billing.Observability.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Billing.Silo;

/// <summary>
/// Runs a headless silo of the cluster until SIGTERM or Ctrl+C, which stop it gracefully: its queues move to
/// the other silos after it has committed what it handled.
/// </summary>
internal static class SiloCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        BillingMode mode;
        bool dashboard;
        bool kubernetes;
        try
        {
            mode = BillingModeSelector.Select(builder.Configuration);
            dashboard = OrleansDashboardSetting.IsEnabled(builder.Configuration);
            kubernetes = KubernetesHostingSetting.IsEnabled(builder.Configuration);
            builder.AddBillingTelemetry("billing-silo");
        }
        catch (InvalidOperationException exception)
        {
            // A bad value names its key; no stack trace for an operator's typo.
            Console.Error.WriteLine(exception.Message);
            return 2;
        }

        if (mode != BillingMode.Cluster)
        {
            Console.Error.WriteLine(
                "Billing.Silo runs as part of a cluster: set ConnectionStrings:Billing (PostgreSQL) and Kafka:BootstrapServers. " +
                "For one process on embedded defaults, run Billing.Web instead.");
            return 2;
        }

        builder.Services.AddSingleton(TimeProvider.System);
        var tracing = BillingTelemetryExtensions.IsTracingEnabled(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureBillingSilo(builder.Configuration, mode);
            if (tracing)
            {
                silo.AddActivityPropagation();
            }

            if (kubernetes)
            {
                // After the endpoints: it fills in only what they left open, and names the silo after its pod.
                silo.UseKubernetesHosting();
            }

            if (dashboard)
            {
                // Statistics for the dashboard that Billing.Web serves to admins; the silo serves no public HTTP.
                silo.AddDashboard();
            }
        });
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}

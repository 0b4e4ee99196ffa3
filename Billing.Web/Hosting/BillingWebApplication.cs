using Billing.Generator.Hosting;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.Observability.Hosting;
using Billing.Web.Admin;
using Billing.Web.Api;
using Billing.Web.Components;
using Billing.Web.Ingest;
using Billing.Web.Live;
using Billing.Web.Security;
using Orleans.Dashboard;

namespace Billing.Web.Hosting;

/// <summary>Builds the web app: co-hosted silo, HTTP API, health checks. Tests build it the same way.</summary>
public static class BillingWebApplication
{
    public const string DefaultUrl = "http://localhost:8080";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Named after this assembly, not the entry point: a test host must find the same static-asset manifests.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(BillingWebApplication).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        AllowedHostsDefaults.ApplyDefault(builder);

        // Serves the framework's and the project's static files from a build, not only from a publish:
        // `dotnet run` runs a build in the Production environment.
        builder.WebHost.UseStaticWebAssets();
        // First: a bad Web:, Monitoring:, Billing:ApiKeys or Billing:Ingest: value stops start-up before the Orleans
        // hosting starts an embedded broker.
        builder.AddBillingReverseProxy();
        builder.AddBillingTelemetry("billing-web");
        builder.AddBillingSecurity();
        builder.AddBillingIngest();
        builder.AddBillingOrleans();
        // Enabled by default in embedded mode only (the silo hosting sets it); Generator:Enabled overrides.
        builder.Services.AddBillingGenerator(builder.Configuration);
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<CustomerUsageFeed>();
        builder.Services.AddSingleton<EventTypeUsageFeed>();
        builder.Services.AddSingleton<LiveFeedMetrics>();
        builder.Services.AddSingleton<PipelineStatusReader>();
        builder.Services.AddSingleton(provider => new SharedPipelineStatus(
            provider.GetRequiredService<PipelineStatusReader>().ReadAsync, provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        var app = builder.Build();
        // Observable instruments exist once their owner does: made now, not with the first page.
        app.Services.GetRequiredService<LiveFeedMetrics>();
        if (app.Services.GetService<EmbeddedKafkaBroker>() is { } broker)
        {
            app.Lifetime.ApplicationStopped.Register(broker.Dispose);
        }

        app.UseBillingReverseProxy();
        app.UseHeadAsGet();
        app.UseBillingSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // A problem document without exception details; Development keeps the developer exception page.
            app.UseExceptionHandler();
            app.UseHsts();
        }

        // Routing after the path base is known: the implicit UseRouting would run first and match the full path.
        app.UseRouting();
        app.UseAuthentication();
        app.UseBillingCircuitGate();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");
        app.MapBillingSignIn();
        app.MapBillingApi();
        app.MapIngestApi();
        if (OrleansDashboardSetting.IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(BillingOrleansHosting.DashboardPath).RequireAuthorization(BillingClaims.AdminPolicy);
        }

        return app;
    }
}

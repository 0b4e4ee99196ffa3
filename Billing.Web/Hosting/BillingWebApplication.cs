using Billing.Web.Api;
using Billing.Web.Components;
using Billing.Web.Live;

namespace Billing.Web.Hosting;

/// <summary>Builds the web app: co-hosted silo, HTTP API, health checks. Tests build it the same way.</summary>
public static class BillingWebApplication
{
    public const string DefaultUrl = "http://localhost:8080";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddBillingSilo();
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<CustomerUsageFeed>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");
        app.MapBillingApi();
        return app;
    }
}

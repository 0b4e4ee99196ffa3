using Billing.TestSupport;
using Billing.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.BrowserTests.Infrastructure;

/// <summary>
/// Billing.Web as <c>dotnet run</c> starts it in embedded mode (its own broker, co-hosted silo, the generator on),
/// in this process, on a free loopback port, with its invoice files in a temporary folder of its own.
/// </summary>
public sealed class EmbeddedBillingApp : IAsyncDisposable
{
    private EmbeddedBillingApp(WebApplication app, Uri address, string invoiceDirectory)
    {
        App = app;
        Address = address;
        InvoiceDirectory = invoiceDirectory;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public string InvoiceDirectory { get; }

    /// <summary>The keys embedded mode made at start: one per generated customer and one admin key.</summary>
    public DemoKeys DemoKeys => App.Services.GetRequiredService<DemoKeys>();

    public static async Task<EmbeddedBillingApp> StartAsync(params string[] settings)
    {
        var (app, address, invoiceDirectory) = await LoopbackWebApp.StartAsync(
        [
            // The generator and the pipeline log every few seconds at Information: keep the test output readable.
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        return new EmbeddedBillingApp(app, address, invoiceDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(InvoiceDirectory, recursive: true);
    }
}

using Billing.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.TestSupport;

/// <summary>Billing.Web started in this process as the tests' hosts need it.</summary>
public static class LoopbackWebApp
{
    /// <summary>
    /// Starts the web app on a free loopback port, with free Orleans ports and invoice files in a temporary
    /// folder of its own (removed again if start-up fails), then <paramref name="settings"/>.
    /// </summary>
    public static async Task<(WebApplication App, Uri Address, string InvoiceDirectory)> StartAsync(
        IEnumerable<string> settings, Action<WebApplicationBuilder>? configure = null)
    {
        string[] given = [.. settings];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(given, configure);
            }
            catch (AddressInUseException) when (attempt < 3)
            {
                // A port is free when chosen, not always when bound: another test's process took it in between.
            }
        }
    }

    private static async Task<(WebApplication App, Uri Address, string InvoiceDirectory)> StartOnFreePortsAsync(
        string[] settings, Action<WebApplicationBuilder>? configure)
    {
        var ports = FreePorts.Take(2);
        var invoiceDirectory = Directory.CreateTempSubdirectory("billing-invoices-").FullName;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Orleans:SiloPort={ports[0]}",
            $"--Orleans:GatewayPort={ports[1]}",
            $"--Billing:InvoiceDirectory={invoiceDirectory}",
            .. settings,
        ];
        WebApplication? app = null;
        try
        {
            // A bad setting (an API key entry, say) stops the app here, naming its key.
            app = BillingWebApplication.Create(args, configure);
            await app.StartAsync();
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            Directory.Delete(invoiceDirectory, recursive: true);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address), invoiceDirectory);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Billing.BrowserTests.Infrastructure;

/// <summary>
/// A real reverse proxy (YARP) on a free loopback port: <c>{prefix}/…</c> goes to one app with the prefix removed
/// and named in <c>X-Forwarded-Prefix</c>, next to <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>, as a
/// proxy that publishes an app under a path does. WebSocket upgrades pass through like any other request.
/// </summary>
public sealed class PrefixReverseProxy : IAsyncDisposable
{
    private readonly WebApplication proxy;

    private PrefixReverseProxy(WebApplication proxy, Uri address)
    {
        this.proxy = proxy;
        Address = address;
    }

    /// <summary>The app's address through the proxy: <c>http://127.0.0.1:{port}{prefix}/</c>.</summary>
    public Uri Address { get; }

    /// <param name="destination">The app, reached on loopback.</param>
    /// <param name="prefix">Where the app is published, such as <c>/billing</c>.</param>
    public static async Task<PrefixReverseProxy> StartAsync(Uri destination, string prefix)
    {
        var route = new RouteConfig
        {
            RouteId = "app",
            ClusterId = "app",
            Match = new RouteMatch { Path = prefix + "/{**rest}" },
        }
            .WithTransformPathRemovePrefix(prefix)
            // YARP derives X-Forwarded-Prefix from the proxy's own path base, which is empty here (the prefix is
            // part of the route), and would remove a header set before it: name the prefix explicitly instead.
            .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
            .WithTransformRequestHeader("X-Forwarded-Prefix", prefix, append: false);
        var cluster = new ClusterConfig
        {
            ClusterId = "app",
            Destinations = new Dictionary<string, DestinationConfig> { ["app"] = new() { Address = destination.ToString() } },
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);
        var proxy = builder.Build();
        proxy.MapReverseProxy();
        await proxy.StartAsync();

        var listening = new Uri(proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new PrefixReverseProxy(proxy, new Uri(listening, prefix + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await proxy.StopAsync();
        await proxy.DisposeAsync();
    }
}

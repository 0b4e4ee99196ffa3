using System.Net;
using Billing.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.UnitTests.Hosting;

public sealed class BillingReverseProxyHostingTests
{
    [Fact]
    public void ForwardedHeaders_NoProxiesConfigured_AppliesEveryHeaderFromLoopbackOnly()
    {
        var forwarded = ForwardedHeadersFor();

        Assert.Equal(ForwardedHeaders.All, forwarded.ForwardedHeaders);
        Assert.True(forwarded.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedPrefix));
        Assert.Equal([IPAddress.IPv6Loopback], forwarded.KnownProxies);
        Assert.Equal(["127.0.0.0/8"], forwarded.KnownIPNetworks.Select(network => network.ToString()));
    }

    [Fact]
    public void ForwardedHeaders_ProxiesConfigured_ReplaceLoopback()
    {
        var forwarded = ForwardedHeadersFor("--Web:KnownProxies=10.1.2.3", "--Web:KnownNetworks=192.168.0.0/16");

        Assert.Equal([IPAddress.Parse("10.1.2.3")], forwarded.KnownProxies);
        Assert.Equal(["192.168.0.0/16"], forwarded.KnownIPNetworks.Select(network => network.ToString()));
    }

    private static ForwardedHeadersOptions ForwardedHeadersFor(params string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(["--Web:ForwardedHeaders=true", .. args]);
        builder.AddBillingReverseProxy();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
    }
}

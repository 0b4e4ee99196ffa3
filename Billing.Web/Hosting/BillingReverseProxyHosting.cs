using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.Web.Hosting;

/// <summary>
/// The web app behind a reverse proxy: <c>Web:PathBase</c> and, when <c>Web:ForwardedHeaders</c> is true, the
/// <c>X-Forwarded-*</c> headers of trusted proxies (<see cref="ReverseProxyOptions"/>).
/// </summary>
public static class BillingReverseProxyHosting
{
    public static void AddBillingReverseProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>());
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            // All includes X-Forwarded-Prefix, which becomes the request's path base.
            forwarded.ForwardedHeaders = ForwardedHeaders.All;
            if (proxy.Value.TrustsConfiguredProxies)
            {
                // Configured proxies replace ASP.NET Core's default (loopback only), rather than adding to it.
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var address in proxy.Value.ProxyAddresses())
                {
                    forwarded.KnownProxies.Add(address);
                }

                foreach (var network in proxy.Value.ProxyNetworks())
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });
    }

    /// <summary>
    /// First in the pipeline, so that everything after it (the sign-in cookie's path, redirects, <c>&lt;base href&gt;</c>,
    /// the scheme for Secure cookies) sees the address the browser used. Reading the options here stops start-up
    /// naming the key when a value is bad.
    /// </summary>
    public static void UseBillingReverseProxy(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        if (proxy.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        if (proxy.PathBase.Length > 0)
        {
            // A request under the prefix has it moved into the path base; one without it is served as before.
            app.UsePathBase(proxy.PathBase);
        }
    }
}

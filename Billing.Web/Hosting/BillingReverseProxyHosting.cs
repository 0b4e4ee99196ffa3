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
    /// <summary>
    /// Binds and checks <see cref="ReverseProxyOptions"/> at once: a bad value stops start-up naming its key
    /// before anything else starts (call before the Orleans hosting, which may start an embedded broker).
    /// </summary>
    public static void AddBillingReverseProxy(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(ReverseProxyOptions.SectionName).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        var result = new ReverseProxyOptionsValidator().Validate(null, configured);
        if (result.Failed)
        {
            throw new OptionsValidationException(ReverseProxyOptions.SectionName, typeof(ReverseProxyOptions), result.Failures);
        }

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
    /// the scheme for Secure cookies) sees the address the browser used.
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

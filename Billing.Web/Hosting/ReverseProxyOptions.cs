using System.Net;

namespace Billing.Web.Hosting;

/// <summary>
/// How the web app is reached through a reverse proxy, bound from the <c>Web</c> configuration section: a
/// fixed path base, and whether the proxy's <c>X-Forwarded-*</c> headers are believed. Every default is the
/// one documented here; checked at start-up by <see cref="ReverseProxyOptionsValidator"/>.
/// </summary>
public sealed class ReverseProxyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Web";

    /// <summary>
    /// A fixed prefix the app is served under, such as <c>/billing</c>: starts with <c>/</c>, does not end with
    /// one. Requests without it are still served. Default empty: no prefix.
    /// </summary>
    public string PathBase { get; set; } = "";

    /// <summary>
    /// Whether <c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c> and <c>-Prefix</c> are applied to a request
    /// that comes from a trusted proxy (<see cref="KnownProxies"/>, <see cref="KnownNetworks"/>). Default false.
    /// </summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>
    /// Comma-separated IP addresses of trusted proxies. With this and <see cref="KnownNetworks"/> both unset
    /// (the default), only loopback is trusted; setting either replaces that default.
    /// </summary>
    public string? KnownProxies { get; set; }

    /// <summary>Comma-separated networks of trusted proxies in CIDR notation (<c>10.0.0.0/8</c>). Default unset.</summary>
    public string? KnownNetworks { get; set; }

    /// <summary>Whether the trusted proxies are configured here rather than left at loopback.</summary>
    public bool TrustsConfiguredProxies => Items(KnownProxies).Length > 0 || Items(KnownNetworks).Length > 0;

    /// <summary>The addresses of <see cref="KnownProxies"/>; call after validation.</summary>
    public IEnumerable<IPAddress> ProxyAddresses() => Items(KnownProxies).Select(IPAddress.Parse);

    /// <summary>The networks of <see cref="KnownNetworks"/>; call after validation.</summary>
    public IEnumerable<IPNetwork> ProxyNetworks() => Items(KnownNetworks).Select(item => IPNetwork.Parse(item));

    /// <summary>The non-empty items of a comma-separated list, trimmed.</summary>
    internal static string[] Items(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

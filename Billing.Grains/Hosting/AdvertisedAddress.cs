using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>
/// The address a silo tells the others to reach it at: <c>Orleans:AdvertisedIP</c>, else the pod's
/// <c>POD_IP</c> (Kubernetes downward API), else loopback (several silos on one machine). The value is an IP
/// address, or a host name resolved once at start-up: under docker compose a container knows its own name but
/// not its address, so a silo service sets <c>Orleans:AdvertisedIP</c> to its host name.
/// </summary>
public static class AdvertisedAddress
{
    public const string Key = "Orleans:AdvertisedIP";

    public static IPAddress From(IConfiguration configuration) => From(configuration, Dns.GetHostAddresses);

    /// <summary>As <see cref="From(IConfiguration)"/>, resolving host names with <paramref name="resolve"/>.</summary>
    public static IPAddress From(IConfiguration configuration, Func<string, IPAddress[]> resolve)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(resolve);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            text = configuration["POD_IP"];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return IPAddress.Loopback;
        }

        text = text.Trim();
        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        IPAddress[] addresses;
        try
        {
            addresses = Uri.CheckHostName(text) == UriHostNameType.Dns ? resolve(text) : [];
        }
        catch (SocketException exception)
        {
            throw new InvalidOperationException($"{Key} (or POD_IP) names host '{text}', which does not resolve: {exception.Message}", exception);
        }

        // Other silos must reach this address: a name that only resolves to loopback would split the cluster.
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? addresses.FirstOrDefault(a => !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException(
                $"{Key} (or POD_IP) must be an IP address or a host name with a non-loopback address (was '{text}').");
    }
}

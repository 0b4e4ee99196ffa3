using System.Net;
using Microsoft.Extensions.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>
/// The address a silo tells the others to reach it at: <c>Orleans:AdvertisedIP</c>, else the pod's
/// <c>POD_IP</c> (Kubernetes downward API), else loopback (several silos on one machine).
/// </summary>
public static class AdvertisedAddress
{
    public static IPAddress From(IConfiguration configuration)
    {
        var text = configuration["Orleans:AdvertisedIP"];
        if (string.IsNullOrWhiteSpace(text))
        {
            text = configuration["POD_IP"];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"Orleans:AdvertisedIP (or POD_IP) must be an IP address (was '{text}').");
    }
}

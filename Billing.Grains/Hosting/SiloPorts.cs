using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>The silo and gateway ports (<c>Orleans:SiloPort</c>, <c>Orleans:GatewayPort</c>), validated.</summary>
public sealed record SiloPorts(int SiloPort, int GatewayPort)
{
    public static SiloPorts From(IConfiguration configuration) =>
        new(Port(configuration, "Orleans:SiloPort", 11111), Port(configuration, "Orleans:GatewayPort", 30000));

    private static int Port(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{key} must be a TCP port from 1 to 65535 (was '{text}').");
    }
}

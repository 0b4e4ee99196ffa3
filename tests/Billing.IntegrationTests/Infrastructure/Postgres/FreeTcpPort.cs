using System.Net;
using System.Net.Sockets;

namespace Billing.IntegrationTests.Infrastructure.Postgres;

/// <summary>A loopback TCP port nobody listens on right now.</summary>
internal static class FreeTcpPort
{
    public static int Next()
    {
        // The kernel picks a free ephemeral port; releasing it at once leaves a small window in which another
        // process could take it, which tests accept in exchange for not hard-coding ports.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

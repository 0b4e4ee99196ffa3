using System.Net;
using System.Net.Sockets;

namespace Billing.Grains.EmbeddedKafka.Internal;

/// <summary>
/// Accepts TCP connections on one endpoint and pipes each, both ways, to a fixed target: how a mock broker that
/// only binds to loopback becomes reachable from other containers. Disposing it closes the listener and every
/// relayed connection.
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly Socket listener;
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    private TcpRelay(Socket listener, IPEndPoint target)
    {
        this.listener = listener;
        this.target = target;
        accepting = AcceptAsync();
    }

    /// <summary>The endpoint the relay listens on (with the port the system picked when asked for port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public static TcpRelay Start(IPEndPoint bind, IPEndPoint target)
    {
        var listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(bind);
            listener.Listen(backlog: 128);
            return new TcpRelay(listener, target);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        stopping.Cancel();
        listener.Dispose();
        // The accept loop ends on the closed socket; relayed connections end on the cancellation.
        accepting.Wait(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client, stopping.Token);
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken cancellationToken)
    {
        using var upstream = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            try
            {
                // Kafka requests are small and latency-bound: no Nagle delay on either leg.
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
                using var fromClient = new NetworkStream(client, ownsSocket: false);
                using var fromUpstream = new NetworkStream(upstream, ownsSocket: false);
                using var oneSideDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var up = fromClient.CopyToAsync(fromUpstream, oneSideDone.Token);
                var down = fromUpstream.CopyToAsync(fromClient, oneSideDone.Token);
                await Task.WhenAny(up, down).ConfigureAwait(false);
                // One side closed: end the other too, as a direct connection would.
                await oneSideDone.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // A peer went away or the relay stops: the connection ends, as it would without the relay.
            }
        }
    }
}

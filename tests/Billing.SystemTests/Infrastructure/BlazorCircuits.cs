using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;

namespace Billing.SystemTests.Infrastructure;

/// <summary>Blazor's server circuits as a browser opens them: negotiate, then a WebSocket to <c>_blazor</c>.</summary>
public static class BlazorCircuits
{
    /// <summary>What a prerendered page holds for each interactive server component: the page wants a circuit.</summary>
    public const string ServerComponentMarker = "\"type\":\"server\"";

    /// <summary>
    /// Opens a circuit's connection for <paramref name="browser"/> (its cookies) and completes the SignalR handshake,
    /// as blazor.web.js does. Throws <see cref="WebSocketException"/> when the server refuses it; the refused
    /// socket's <see cref="ClientWebSocket.HttpStatusCode"/> tells why.
    /// </summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri address, WebAppHost.Browser browser, ClientWebSocket? socket = null)
    {
        using var negotiate = await browser.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = (await negotiate.Content.ReadFromJsonAsync<Negotiation>())!.ConnectionToken;
        socket ??= NewSocket(browser.Cookies);
        var builder = new UriBuilder(address) { Scheme = "ws", Path = "/_blazor", Query = $"id={Uri.EscapeDataString(token)}" };
        await socket.ConnectAsync(builder.Uri, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var answer = await socket.ReceiveAsync(buffer, CancellationToken.None);
        // An empty handshake answer, "{}", means the hub took the connection.
        if (Encoding.UTF8.GetString(buffer, 0, answer.Count) != "{}\u001e")
        {
            throw new InvalidOperationException($"The hub refused the handshake: {Encoding.UTF8.GetString(buffer, 0, answer.Count)}");
        }

        return socket;
    }

    /// <summary>A socket sending <paramref name="cookies"/> and keeping the server's answer when it refuses the upgrade.</summary>
    public static ClientWebSocket NewSocket(CookieContainer cookies)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.CollectHttpResponseDetails = true;
        return socket;
    }

    private sealed record Negotiation(string ConnectionToken);
}

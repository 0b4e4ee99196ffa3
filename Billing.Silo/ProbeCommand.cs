using System.Globalization;
using System.Net.Sockets;
using Billing.Observability;
using Microsoft.Extensions.Configuration;

namespace Billing.Silo;

/// <summary>
/// <c>Billing.Silo probe [URL]</c>: a container health check that needs no curl in the image. Exits 0 when
/// <c>http://…</c> answers 2xx, or <c>tcp://host:port</c> accepts a connection, within 5 s; else 1. Without a URL
/// it asks this container's <c>/health/ready</c> on <c>Monitoring:Port</c>, which every billing process serves.
/// </summary>
internal static class ProbeCommand
{
    public const string Usage = "[http://HOST:PORT/PATH | tcp://HOST:PORT]";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var portKey = $"{MonitoringOptions.SectionName}:Port";
        var text = args switch
        {
            [] when configuration[portKey] is { Length: > 0 } port => $"http://127.0.0.1:{port}/health/ready",
            [var url] => url,
            _ => null,
        };
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "tcp"))
        {
            Console.Error.WriteLine($"give an http:// or tcp:// URL, or set {portKey}\nusage: Billing.Silo probe {Usage}");
            return 2;
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            if (target.Scheme == "tcp")
            {
                using var client = new TcpClient();
                await client.ConnectAsync(target.Host, target.Port, timeout.Token);
                return 0;
            }

            using var http = new HttpClient { Timeout = Timeout };
            using var response = await http.GetAsync(target, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target} answered {(int)response.StatusCode}"));
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or OperationCanceledException)
        {
            Console.Error.WriteLine($"{target}: {exception.Message}");
            return 1;
        }
    }
}

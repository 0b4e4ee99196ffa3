using System.Net.Http.Json;
using Billing.Grains.EmbeddedKafka;
using Billing.Web.Api;
using Billing.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

using Billing.TestSupport;

namespace Billing.SystemTests.Infrastructure;

/// <summary>
/// Billing.Web as <c>dotnet run</c> starts it in embedded mode (its own broker, co-hosted silo), on a free
/// loopback port, with extra settings from the test; plus an HTTP client and a producer for its broker.
/// </summary>
public sealed class BillingAppHost : IAsyncDisposable
{
    private readonly EmbeddedKafkaBroker? broker;

    private BillingAppHost(WebApplication app, HttpClient http, EmbeddedKafkaBroker? broker)
    {
        App = app;
        Http = http;
        this.broker = broker;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>The app's embedded broker (embedded mode only).</summary>
    public EmbeddedKafkaBroker Broker => broker ?? throw new InvalidOperationException("The app runs against an external Kafka.");

    public static async Task<BillingAppHost> StartAsync(params string[] settings)
    {
        var ports = FreePorts.Take(2);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Orleans:SiloPort={ports[0]}",
            $"--Orleans:GatewayPort={ports[1]}",
            .. settings,
        ];
        var app = BillingWebApplication.Create(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        // In external-Kafka mode there is no embedded broker; tests then produce to their own.
        return new BillingAppHost(app, http, app.Services.GetService<EmbeddedKafkaBroker>());
    }

    public Task ProduceAsync(IEnumerable<(int Partition, byte[]? Key, byte[] Value)> records) =>
        TestProducer.ProduceAsync(Broker.BootstrapServers, records);

    /// <summary>Waits until <c>/api/status</c> shows every record handled and <paramref name="deadLetters"/> dead letters.</summary>
    public async Task<StatusResponse> WaitUntilHandledAsync(long produced, long deadLetters, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        StatusResponse? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await Http.GetFromJsonAsync<StatusResponse>("/api/status");
            if (status is not null && status.TotalLag == 0 && status.DeadLetters == deadLetters
                && status.Partitions.Sum(p => p.CommittedOffset ?? 0) == produced)
            {
                return status;
            }

            // Offsets are committed once a second: ask at about that pace.
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"Not every record was handled within {timeout}; last status: {status}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

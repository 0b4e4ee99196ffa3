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

    private BillingAppHost(WebApplication app, HttpClient http, EmbeddedKafkaBroker? broker, string invoiceDirectory)
    {
        App = app;
        Http = http;
        this.broker = broker;
        InvoiceDirectory = invoiceDirectory;
    }

    /// <summary>Where this app writes invoice files: a temporary folder of its own, removed on dispose.</summary>
    public string InvoiceDirectory { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>The app's embedded broker (embedded mode only).</summary>
    public EmbeddedKafkaBroker Broker => broker ?? throw new InvalidOperationException("The app runs against an external Kafka.");

    public static async Task<BillingAppHost> StartAsync(params string[] settings)
    {
        var ports = FreePorts.Take(2);
        var invoiceDirectory = Directory.CreateTempSubdirectory("billing-invoices-").FullName;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Orleans:SiloPort={ports[0]}",
            $"--Orleans:GatewayPort={ports[1]}",
            $"--Billing:InvoiceDirectory={invoiceDirectory}",
            .. settings,
        ];
        var app = BillingWebApplication.Create(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        // In external-Kafka mode there is no embedded broker; tests then produce to their own.
        return new BillingAppHost(app, http, app.Services.GetService<EmbeddedKafkaBroker>(), invoiceDirectory);
    }

    public Task ProduceAsync(IEnumerable<(int Partition, byte[]? Key, byte[] Value)> records) =>
        TestProducer.ProduceAsync(Broker.BootstrapServers, records);

    /// <summary>Asks <paramref name="read"/> about every 100 ms until it answers something <paramref name="done"/> accepts.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = await read();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout} for {what}; last answer: {last}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
            last = await read();
        }

        return last;
    }

    /// <summary>Waits until <paramref name="customer"/> has an invoice for each of <paramref name="months"/> (yyyy-MM).</summary>
    public Task<InvoiceListResponse> WaitForInvoicesAsync(string customer, IEnumerable<string> months, TimeSpan timeout)
    {
        var wanted = months.ToHashSet(StringComparer.Ordinal);
        return WaitForAsync(
            async () => (await Http.GetFromJsonAsync<InvoiceListResponse>($"/api/customers/{customer}/invoices"))!,
            list => wanted.IsSubsetOf(list.Invoices.Select(i => i.Month)),
            timeout,
            $"{customer}'s invoices for {string.Join(", ", wanted)}");
    }

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
        Directory.Delete(InvoiceDirectory, recursive: true);
    }
}

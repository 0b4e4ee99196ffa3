using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.TestSupport;
using Billing.Web.Api;
using Billing.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests.Infrastructure;

/// <summary>
/// Billing.Web as <c>dotnet run</c> starts it in embedded mode (its own broker, co-hosted silo), on a free
/// loopback port, with extra settings from the test; plus an HTTP client and a producer for its broker.
/// </summary>
public sealed partial class BillingAppHost : IAsyncDisposable
{
    private readonly EmbeddedKafkaBroker? broker;
    private readonly List<HttpClient> clients = [];

    private BillingAppHost(WebApplication app, Uri address, string adminKey, EmbeddedKafkaBroker? broker, string invoiceDirectory)
    {
        App = app;
        Address = address;
        AdminKey = adminKey;
        Http = ClientFor(adminKey);
        this.broker = broker;
        InvoiceDirectory = invoiceDirectory;
    }

    /// <summary>Where this app writes invoice files: a temporary folder of its own, removed on dispose.</summary>
    public string InvoiceDirectory { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>
    /// An admin's key: the embedded mode's demo admin key, or in other modes a key the host configured
    /// (<c>Billing:ApiKeys:{n}</c>, at the first index the test's settings leave free).
    /// </summary>
    public string AdminKey { get; }

    /// <summary>A client that sends <see cref="AdminKey"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>The app's demo keys: for each generated customer and one admin key in embedded mode, none otherwise.</summary>
    public DemoKeys DemoKeys => App.Services.GetRequiredService<DemoKeys>();

    /// <summary>A client that sends <c>Authorization: Bearer <paramref name="key"/></c>; disposed with the host.</summary>
    public HttpClient ClientFor(string key) => Keep(ApiClients.Create(Address, key));

    /// <summary>A client that sends no <c>Authorization</c> header; disposed with the host.</summary>
    public HttpClient AnonymousClient() => Keep(ApiClients.Create(Address, key: null));

    /// <summary>A browser (an HTTP client with a cookie jar of its own); disposed with the host.</summary>
    public WebAppHost.Browser NewBrowser(bool followRedirects = true)
    {
        var browser = WebAppHost.Browser.Open(Address, followRedirects);
        Keep(browser.Http);
        return browser;
    }

    /// <summary>
    /// A browser signed in with the sign-in form's demo key <paramref name="key"/>: the sign-in answers the page it
    /// lands on (or, not following redirects, the redirect to it) and sets the session cookie. Disposed with the host.
    /// </summary>
    public async Task<WebAppHost.Browser> SignInAsync(string key, bool followRedirects = true)
    {
        var browser = NewBrowser(followRedirects);
        using var signIn = await browser.PostSignInAsync("/signin", ("Form.DemoKey", key));
        Assert.Equal(followRedirects ? HttpStatusCode.OK : HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.NotNull(browser.Cookie("billing.auth"));
        return browser;
    }

    /// <summary>The app's embedded broker (embedded mode only).</summary>
    public EmbeddedKafkaBroker Broker => broker ?? throw new InvalidOperationException("The app runs against an external Kafka.");

    /// <summary>
    /// Starts the app with <paramref name="settings"/>, its processing clock pinned at
    /// <see cref="PinnedProcessingClock.EventSetsNow"/>: the tests' event sets are fixed dates in autumn 2026.
    /// </summary>
    public static Task<BillingAppHost> StartAsync(params string[] settings) =>
        StartAsync(PinnedProcessingClock.PinAtEventSetsNow, settings);

    /// <summary>Starts the app with <paramref name="settings"/> on its own processing clock: the wall clock, or its generator's.</summary>
    public static Task<BillingAppHost> StartOnAppClockAsync(params string[] settings) => StartAsync(configure: null, settings);

    private static async Task<BillingAppHost> StartAsync(Action<WebApplicationBuilder>? configure, string[] settings)
    {
        // Embedded mode makes demo keys, the admin's among them; in any other mode there are none, so the
        // host configures an admin key of its own, as an operator would.
        var embedded = BillingModeSelector.Select(new ConfigurationBuilder().AddCommandLine(settings).Build()) == BillingMode.Embedded;
        var (configuredAdminKey, keySettings) = embedded ? (null, []) : ApiClients.NewAdminKey(FirstFreeKeyIndex(settings));
        var (app, address, invoiceDirectory) = await LoopbackWebApp.StartAsync([.. keySettings.Select(setting => "--" + setting), .. settings], configure);
        var adminKey = configuredAdminKey ?? app.Services.GetRequiredService<DemoKeys>().Admin?.Key
            ?? throw new InvalidOperationException("Embedded mode made no demo admin key.");
        // In external-Kafka mode there is no embedded broker; tests then produce to their own.
        return new BillingAppHost(app, address, adminKey, app.Services.GetService<EmbeddedKafkaBroker>(), invoiceDirectory);
    }

    private static int FirstFreeKeyIndex(IEnumerable<string> settings) =>
        settings.Select(setting => KeyIndex().Match(setting))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
            .DefaultIfEmpty(0)
            .Max();

    [GeneratedRegex(@"^--Billing:ApiKeys:(\d+):", RegexOptions.IgnoreCase)]
    private static partial Regex KeyIndex();

    private HttpClient Keep(HttpClient client)
    {
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    public Task ProduceAsync(IEnumerable<(int Partition, byte[]? Key, byte[] Value)> records) =>
        TestProducer.ProduceAsync(Broker.BootstrapServers, records);

    /// <summary>Asks <paramref name="read"/> about every 100 ms until it answers something <paramref name="done"/> accepts.</summary>
    public static Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what) =>
        Eventually.ValueAsync(read, done, timeout, what, TimeSpan.FromMilliseconds(100));

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

    /// <summary>Waits until <paramref name="customer"/>'s late events reach <paramref name="count"/>; returns the usage then.</summary>
    public Task<CustomerUsageResponse> WaitForLateEventsAsync(string customer, int count, TimeSpan timeout) =>
        WaitForAsync(
            async () => (await Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage"))!,
            usage => usage.LateEvents == count,
            timeout,
            $"{customer}'s late events to reach {count}");

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
        lock (clients)
        {
            clients.ForEach(client => client.Dispose());
        }

        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(InvoiceDirectory, recursive: true);
    }
}

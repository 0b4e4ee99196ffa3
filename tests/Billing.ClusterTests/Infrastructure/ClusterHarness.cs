using System.Net.Http.Json;
using Billing.Grains.EmbeddedKafka;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;
using Billing.TestSupport.Processes;
using Billing.Web.Api;
using Billing.Web.Hosting;
using Billing.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>
/// A cluster as operators run it on one machine: a database of its own on the shared PostgreSQL server, an
/// embedded Kafka broker, Billing.Silo processes started and killed at will, and Billing.Web as a client of
/// the cluster, asked over HTTP.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    /// <summary>About a century: wide enough for any fixed event date, valid for every bound it is given to.</summary>
    private const string WideEventTimeBound = "36500.00:00:00";

    private readonly List<AppProcess> silos = [];
    private readonly string connectionString;
    private readonly string[] adminKeySettings;
    private readonly List<WebApplication> otherWebs = [];
    private WebApplication? web;

    private ClusterHarness(string connectionString, EmbeddedKafkaBroker broker)
    {
        this.connectionString = connectionString;
        Broker = broker;
        InvoiceDirectory = Directory.CreateTempSubdirectory("billing-invoices-").FullName;
        (AdminKey, adminKeySettings) = ApiClients.NewAdminKey();
    }

    /// <summary>
    /// The admin key that every web client of this cluster is configured with (as a hash,
    /// <c>Billing:ApiKeys:0</c>) and that <see cref="Http"/> sends: cluster mode has no demo keys.
    /// </summary>
    public string AdminKey { get; }

    /// <summary>The running web client's services (its <see cref="DemoKeys"/>, say).</summary>
    public IServiceProvider WebServices => web?.Services ?? throw new InvalidOperationException("No web client is running.");

    public EmbeddedKafkaBroker Broker { get; }

    /// <summary>The cluster's own database, to look at (and tamper with) what the silos store.</summary>
    public ClusterDatabase Database => new(connectionString);

    /// <summary>Where every silo of this cluster writes invoice files: a temporary folder of its own, removed at the end.</summary>
    public string InvoiceDirectory { get; }

    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyList<AppProcess> Silos => silos;

    public static async Task<ClusterHarness> StartAsync(PostgresServer postgres, int brokers = 1)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var options = EmbeddedKafkaBrokerOptions.ForBilling(KnownEventSet.DefaultPartitions);
        options.BrokerCount = brokers;
        return new ClusterHarness(connectionString, EmbeddedKafkaBroker.Start(options));
    }

    /// <summary>Starts a Billing.Silo process and waits until the cluster lists it as active.</summary>
    public async Task<AppProcess> StartSiloAsync(params string[] extraSettings)
    {
        var ports = FreePorts.Take(2);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Billing"] = connectionString,
            ["Kafka:BootstrapServers"] = Broker.BootstrapServers,
            ["Kafka:CommitInterval"] = "00:00:00.200",
            ["Orleans:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Notice a killed silo within seconds, not a minute.
            ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
            ["Billing:InvoiceDirectory"] = InvoiceDirectory,
            // The event sets are fixed dates in autumn 2026 (and December 2026): let the silos' wall clock judge
            // them plausible whatever today's date is.
            ["Billing:MaxFutureSkew"] = WideEventTimeBound,
            ["Billing:MaxEventAge"] = WideEventTimeBound,
        };
        foreach (var setting in extraSettings)
        {
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            settings[key] = value;
        }

        var silo = AppProcess.Start(RepositoryPaths.SiloAssembly, $"silo{silos.Count + 1}", settings);
        silos.Add(silo);
        await WaitUntilAsync(async () => await Membership.IsActiveAsync(connectionString, ports[0]) || silo.HasExited,
            TimeSpan.FromSeconds(60), () => $"{silo.Name} to join the cluster\n{silo.Output}");
        return silo.HasExited ? throw new InvalidOperationException($"{silo.Name} exited:\n{silo.Output}") : silo;
    }

    /// <summary>
    /// Starts Billing.Web in-process as a client of the cluster (<c>Orleans:Role=Client</c>); settings are
    /// <c>Key=Value</c> strings, as for silos. It is configured with <see cref="AdminKey"/>, which <see cref="Http"/> sends.
    /// </summary>
    public async Task StartWebClientAsync(params string[] extraSettings)
    {
        web = await StartWebAsync(extraSettings);
        Http = ApiClients.Create(AddressOf(web), AdminKey);
    }

    /// <summary>
    /// Starts one more Billing.Web client of the cluster, as a second web process behind a load balancer would run,
    /// with the same settings as <see cref="StartWebClientAsync"/>; stopped with the harness. Returns its address.
    /// </summary>
    public async Task<Uri> StartAnotherWebClientAsync(params string[] extraSettings)
    {
        var another = await StartWebAsync(extraSettings);
        otherWebs.Add(another);
        return AddressOf(another);
    }

    private async Task<WebApplication> StartWebAsync(string[] extraSettings)
    {
        var app = BillingWebApplication.Create(
        [
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:Billing={connectionString}",
            $"--Kafka:BootstrapServers={Broker.BootstrapServers}",
            "--Orleans:Role=Client",
            // Find the surviving gateways within a second when the one in use dies.
            "--Orleans:Gateway:GatewayListRefreshPeriod=00:00:01",
            .. adminKeySettings.Select(setting => "--" + setting),
            .. extraSettings.Select(setting => "--" + setting),
        ]);
        await app.StartAsync();
        return app;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Stops Billing.Web gracefully, as an orchestrator stops it; <see cref="StartWebClientAsync"/> starts a new one.</summary>
    public async Task StopWebClientAsync()
    {
        Http?.Dispose();
        if (web is not null)
        {
            await web.StopAsync();
            await web.DisposeAsync();
            web = null;
        }
    }

    public Task ProduceAsync(IEnumerable<(int Partition, byte[]? Key, byte[] Value)> records) =>
        TestProducer.ProduceAsync(Broker.BootstrapServers, records);

    public async Task<StatusResponse> StatusAsync() => (await Http.GetFromJsonAsync<StatusResponse>("/api/status"))!;

    /// <summary>
    /// Waits until the consumer group has committed at least <paramref name="records"/> records. The status asks
    /// grains (event clock, invoicing health), so it fails for a moment while the cluster notices a dead silo:
    /// that is "not yet".
    /// </summary>
    public Task WaitUntilCommittedAsync(long records, TimeSpan timeout) =>
        WaitUntilHoldsAsync(async () => (await StatusAsync()).Partitions.Sum(p => p.CommittedOffset ?? 0) >= records,
            timeout, () => $"{records} committed records\n{SiloOutput}");

    /// <summary>
    /// Waits until every record is handled: committed offsets reach the end of every partition, which happens
    /// only once each record's effect is stored or its dead letter written.
    /// </summary>
    public Task WaitUntilHandledAsync(long produced, TimeSpan timeout) =>
        WaitUntilHoldsAsync(async () =>
        {
            var status = await StatusAsync();
            return status.TotalLag == 0 && status.Partitions.Sum(p => p.CommittedOffset ?? 0) == produced;
        }, timeout, () => $"every record handled\n{SiloOutput}");

    public DeadLetterCount DeadLetters() => DeadLetterReader.Count(Broker.BootstrapServers, TimeSpan.FromSeconds(30));

    /// <summary>Waits until the web client reaches a silo again (after its gateway died) and answers from grains.</summary>
    public Task WaitUntilAnsweringAsync(TimeSpan timeout) =>
        WaitUntilAsync(async () => (await Http.GetAsync($"/customers/{KnownEventSet.Customers[0]}")).IsSuccessStatusCode,
            timeout, () => "the web client to answer from grains");

    public string SiloOutput => string.Join(Environment.NewLine, silos.Select(s => s.Output));

    /// <summary>
    /// Like <see cref="WaitUntilAsync"/>, for conditions asked over HTTP while silos die and start: a failed
    /// request or an answer not there yet (an error status, an assertion that does not hold yet) means "not yet".
    /// </summary>
    public static Task WaitUntilHoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what) =>
        WaitUntilAsync(async () =>
        {
            try
            {
                return await condition();
            }
            catch (Exception exception) when (exception is HttpRequestException or Xunit.Sdk.XunitException or System.Text.Json.JsonException)
            {
                return false;
            }
        }, timeout, what);

    // Progress is visible through commits and the membership table, which change every few hundred ms.
    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what) =>
        Eventually.UntilAsync(condition, timeout, () => Task.FromResult($"waiting for {what()}"), TimeSpan.FromMilliseconds(200));

    public async ValueTask DisposeAsync()
    {
        await StopWebClientAsync();
        foreach (var other in otherWebs)
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }

        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        Broker.Dispose();
        Directory.Delete(InvoiceDirectory, recursive: true);
    }
}

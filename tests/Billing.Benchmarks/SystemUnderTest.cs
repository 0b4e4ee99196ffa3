using System.Globalization;
using System.Net.Http.Headers;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;
using Billing.TestSupport.Processes;

namespace Billing.Benchmarks;

/// <summary>
/// The billing system as users run it, in child processes: in memory, one Billing.Web co-hosting its silo
/// (external-Kafka mode); on PostgreSQL, one Billing.Silo and Billing.Web as a client of the cluster (cluster
/// mode). Asked over HTTP with an admin key; its silo's peak working set is read from the operating system.
/// </summary>
internal sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly List<AppProcess> processes = [];
    private readonly AppProcess silo;
    private readonly PostgresServer? postgres;

    private SystemUnderTest(AppProcess silo, IReadOnlyList<AppProcess> others, PostgresServer? postgres, HttpClient http)
    {
        this.silo = silo;
        this.postgres = postgres;
        processes.Add(silo);
        processes.AddRange(others.Where(process => process != silo));
        Http = http;
    }

    /// <summary>Where the web app listens.</summary>
    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>An HTTP client of the web app, authorized as an admin (who may read every customer).</summary>
    public HttpClient Http { get; }

    /// <summary>The most memory the process hosting the silo has held, in bytes.</summary>
    public long SiloPeakWorkingSet => silo.PeakWorkingSet;

    /// <summary>Starts PostgreSQL (for "postgres"), the silo and the web app, and waits until the web app answers.</summary>
    /// <param name="state">"memory" (the web app co-hosts the silo) or "postgres" (a Billing.Silo process and a web client).</param>
    /// <param name="bootstrapServers">The embedded broker.</param>
    /// <param name="topic">The incoming topic.</param>
    /// <param name="consumerGroup">The silo's consumer group, whose commits the benchmark reads.</param>
    /// <param name="siloMemoryMiB">The memory the silo's process may use (its GC heap limit, as a container's limit sets it); 0: the machine's.</param>
    /// <param name="webSettings">More settings for the web app (an ingest key, its limits); none when null.</param>
    public static async Task<SystemUnderTest> StartAsync(
        string state, string bootstrapServers, string topic, string consumerGroup, int siloMemoryMiB, IReadOnlyDictionary<string, string>? webSettings = null)
    {
        var siloEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (siloMemoryMiB > 0)
        {
            siloEnvironment["DOTNET_GCHeapHardLimit"] = ((long)siloMemoryMiB << 20).ToString("X", CultureInfo.InvariantCulture);
        }

        var (key, keySettings) = ApiClients.NewAdminKey();
        var webPort = FreePorts.Take(1)[0];
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:DeadLetterTopic"] = topic + ".deadletter",
            ["Kafka:ConsumerGroup"] = consumerGroup,
            // Commits mark the moment state is stored: commit often so that measured lag is close to the truth.
            ["Kafka:CommitInterval"] = "00:00:00.200",
            ["Billing:InvoiceDirectory"] = Path.Combine(Path.GetTempPath(), $"billing-bench-{consumerGroup}"),
        };
        var web = new Dictionary<string, string>(common, StringComparer.Ordinal) { ["urls"] = $"http://127.0.0.1:{webPort}" };
        foreach (var (name, value) in webSettings ?? new Dictionary<string, string>())
        {
            web[name] = value;
        }

        foreach (var setting in keySettings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            web[setting[..equals]] = setting[(equals + 1)..];
        }

        PostgresServer? postgres = null;
        AppProcess siloProcess;
        List<AppProcess> started = [];
        if (state == "postgres")
        {
            postgres = await PostgresServer.StartNewAsync();
            var connectionString = await postgres.CreateMigratedDatabaseAsync();
            var ports = FreePorts.Take(2);
            var siloSettings = new Dictionary<string, string>(common, StringComparer.Ordinal)
            {
                ["ConnectionStrings:Billing"] = connectionString,
                ["Orleans:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
                ["Orleans:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            };
            siloProcess = AppProcess.Start(RepositoryPaths.SiloAssembly, "silo", siloSettings, environment: siloEnvironment);
            started.Add(siloProcess);
            web["ConnectionStrings:Billing"] = connectionString;
            web["Orleans:Role"] = "Client";
            started.Add(AppProcess.Start(RepositoryPaths.WebAssembly, "web", web));
        }
        else
        {
            var ports = FreePorts.Take(2);
            web["Orleans:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture);
            web["Orleans:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture);
            siloProcess = AppProcess.Start(RepositoryPaths.WebAssembly, "web", web, environment: siloEnvironment);
            started.Add(siloProcess);
        }

        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{webPort}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var system = new SystemUnderTest(siloProcess, started, postgres, http);
        await system.WaitUntilReadyAsync();
        return system;
    }

    /// <summary>Waits until the web app is ready and reaches a silo (its status answers).</summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (processes.FirstOrDefault(process => process.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"{exited.Name} exited while starting:{Environment.NewLine}{exited.Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/api/status", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"The system did not become ready:{Environment.NewLine}{string.Join(Environment.NewLine, processes.Select(p => p.Output))}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var process in processes.AsEnumerable().Reverse())
        {
            await process.StopAsync(TimeSpan.FromSeconds(30));
            await process.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Billing.TestSupport;
using Billing.TestSupport.Processes;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// deploy/compose/compose.yaml brought up with podman-compose, plus the test's override (the embedded broker for
/// Kafka, Debian's PostgreSQL), from a copy of deploy/ with an .env of the run's own: a generated database
/// password and admin key, the images built for this run, a free port for the web app. podman-compose 1.0 does
/// not wait for <c>depends_on</c> conditions, so the stack comes up in the order they give, a stage at a time,
/// each waited for as compose would: health checks run with <c>podman healthcheck run</c>, one-shot services
/// to a clean exit. Everything it made (containers, volumes, network, folder) goes at the end.
/// </summary>
public sealed class ComposeStack : IAsyncLifetime
{
    public const string ComposeFile = "compose.yaml";
    public const string OverrideFile = "compose.test.yaml";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ComposeTimeout = TimeSpan.FromMinutes(5);

    private readonly string folder;
    private readonly string composeFolder;
    private readonly int webPort = FreePorts.Take(1)[0];
    private readonly Stopwatch lifetime = new();

    public ComposeStack()
    {
        Project = $"{TestRun.Id}-stack";
        folder = Directory.CreateTempSubdirectory($"{TestRun.Id}-compose-").FullName;
        composeFolder = Path.Combine(folder, "deploy", "compose");
        AdminKey = ApiClients.NewAdminKey();
    }

    /// <summary>The compose project name: every container, volume and network name starts with it.</summary>
    public string Project { get; }

    public (string Key, string[] Settings) AdminKey { get; }

    /// <summary>The web app through its published port, with the admin key.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The embedded broker's address, which it also advertises, reachable from the host.</summary>
    public string BootstrapServers { get; private set; } = "";

    public async Task InitializeAsync()
    {
        lifetime.Start();
        var images = ContainerImages.Current
            ?? throw new InvalidOperationException($"The compose tests run in the {ContainerCollection.Name} collection, which builds the images first.");
        CopyDirectory(RepositoryPaths.Combine("deploy"), Path.Combine(folder, "deploy"));
        File.Copy(RepositoryPaths.Combine("tests", "Billing.DeploymentTests", "Compose", OverrideFile), Path.Combine(composeFolder, OverrideFile));
        await File.WriteAllLinesAsync(Path.Combine(composeFolder, ".env"),
        [
            $"COMPOSE_PROJECT_NAME={Project}",
            $"POSTGRES_PASSWORD={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}",
            $"GRAFANA_ADMIN_PASSWORD={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}",
            .. AdminKey.Settings.Select(setting => setting.Replace(":", "__", StringComparison.Ordinal)),
            $"BILLING_IMAGE={images.Billing}",
            $"POSTGRES_IMAGE={images.Postgres}",
            string.Create(CultureInfo.InvariantCulture, $"BILLING_WEB_PORT={webPort}"),
        ]);

        await StageAsync("kafka and postgres", ["kafka", "postgres"], UntilHealthyAsync);
        await StageAsync("kafka-topics and migrate", ["kafka-topics", "migrate"], UntilExitedCleanlyAsync);
        await StageAsync("silo-1 and silo-2", ["silo-1", "silo-2"], UntilHealthyAsync);
        await StageAsync("web", ["web"], UntilHealthyAsync);

        BootstrapServers = $"{await Podman.AddressOfAsync(Container("kafka"))}:9092";
        Http = ApiClients.Create(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{webPort}")), AdminKey.Key);
        Measurements.Record("compose stack up, from nothing to the web app healthy", lifetime.Elapsed);
    }

    /// <summary>The container podman-compose made for <paramref name="service"/>.</summary>
    public string Container(string service) => $"{Project}_{service}_1";

    /// <summary>Starts services of the stack (and, as compose does, their dependencies) and waits until each is ready.</summary>
    public Task StartAsync(string service) => StageAsync(service, [service], UntilHealthyAsync);

    /// <summary>The monitoring endpoint (<c>/metrics</c>, health) of a service, reached at its container's address.</summary>
    public async Task<Uri> MonitoringAddressAsync(string service)
    {
        var address = await Podman.AddressOfAsync(Container(service));
        return new Uri($"http://{address}:9464");
    }

    /// <summary>Every container's state and last lines of output, for a failure message.</summary>
    public async Task<string> DescribeAsync()
    {
        var ps = await CommandLine.RunAsync("podman", ["ps", "-a", "--filter", $"label=io.podman.compose.project={Project}",
            "--format", "{{.Names}} {{.Status}}"], TimeSpan.FromMinutes(1));
        var logs = new List<string>();
        foreach (var name in ps.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]))
        {
            logs.Add(await Podman.LogsAsync(name, lines: 30));
        }

        return $"{ps.StandardOutput}\n{string.Join('\n', logs)}";
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        await ComposeAsync(["down", "--volumes"]);
        // podman-compose 1.0 leaves the project's network behind.
        await CommandLine.RunAsync("podman", ["network", "rm", "--force", $"{Project}_default"], ComposeTimeout);
        Directory.Delete(folder, recursive: true);
        Measurements.Record("compose stack, from up to torn down", lifetime.Elapsed);
    }

    private async Task StageAsync(string what, string[] services, Func<string, Task<bool>> ready)
    {
        await ComposeAsync(["up", "-d", .. services], check: true);
        var clock = Stopwatch.StartNew();
        foreach (var service in services)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!await ready(Container(service)))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{service} was not ready within {Patience}:\n{await DescribeAsync()}");
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        Measurements.Record($"compose stage {what} ready", clock.Elapsed);
    }

    private static async Task<bool> UntilHealthyAsync(string container) =>
        (await Podman.StateAsync(container)).Status == "running" && await Podman.IsHealthyAsync(container);

    private static async Task<bool> UntilExitedCleanlyAsync(string container)
    {
        var (status, exitCode) = await Podman.StateAsync(container);
        if (status != "exited")
        {
            return false;
        }

        return exitCode == 0 ? true : throw new InvalidOperationException($"{container} exited with {exitCode}:\n{await Podman.LogsAsync(container)}");
    }

    private async Task<CommandResult> ComposeAsync(string[] arguments, bool check = false)
    {
        string[] all = ["-p", Project, "-f", ComposeFile, "-f", OverrideFile, .. arguments];
        return check
            ? await CommandLine.RunCheckedAsync("podman-compose", all, ComposeTimeout, composeFolder)
            : await CommandLine.RunAsync("podman-compose", all, ComposeTimeout, composeFolder);
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            // A developer's own .env stays where it is.
            if (Path.GetFileName(file) != ".env")
            {
                File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
            }
        }
    }
}

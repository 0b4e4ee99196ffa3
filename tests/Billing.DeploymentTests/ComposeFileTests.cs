using Billing.DeploymentTests.Infrastructure;
using Billing.TestSupport.Processes;

namespace Billing.DeploymentTests;

/// <summary>
/// deploy/compose/compose.yaml as it is, validated by <c>docker-compose config</c> (against the Compose schema,
/// with .env.example as the .env an operator would write), and checked for what a reviewer would look at.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] BillingServices = ["migrate", "silo-1", "silo-2", "web", "generator"];

    [Fact]
    public async Task ComposeFile_WithTheExampleEnvironment_ValidatesAndNamesEveryService()
    {
        var services = (await RenderAsync()).Map("services");

        Assert.Equal(
            ["generator", "grafana", "kafka", "kafka-topics", "migrate", "postgres", "prometheus", "silo-1", "silo-2", "web"],
            services.Keys.Select(key => key.ToString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ComposeFile_PublishesOnlyTheWebPortAndTheMonitoringToolsOnLoopback()
    {
        var services = (await RenderAsync()).Map("services");

        var published = services.Entries()
            .Where(service => service.Value.GetValueOrDefault("ports") is List<object?> { Count: > 0 })
            .ToDictionary(service => service.Name, service => ((List<object?>)service.Value["ports"]!).Select(PortText).ToList());
        Assert.Equal(["grafana", "prometheus", "web"], published.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["8080:8080"], published["web"]);
        Assert.Equal(["127.0.0.1:3000:3000"], published["grafana"]);
        Assert.Equal(["127.0.0.1:9090:9090"], published["prometheus"]);
    }

    [Fact]
    public async Task ComposeFile_StartsEachServiceOnlyOnceWhatItNeedsIsReady()
    {
        var services = (await RenderAsync()).Map("services");

        Assert.Equal(("kafka", "service_healthy"), Dependency(services, "kafka-topics"));
        Assert.Equal(("postgres", "service_healthy"), Dependency(services, "migrate"));
        foreach (var silo in new[] { "silo-1", "silo-2" })
        {
            Assert.Equal(
                [("kafka-topics", "service_completed_successfully"), ("migrate", "service_completed_successfully")],
                Dependencies(services, silo));
        }

        Assert.Equal([("silo-1", "service_healthy"), ("silo-2", "service_healthy")], Dependencies(services, "web"));
        // What others wait on being healthy has a health check: in the file, or in the billing image.
        Assert.NotNull(services.Map("kafka").Map("healthcheck").GetValueOrDefault("test"));
        Assert.NotNull(services.Map("postgres").Map("healthcheck").GetValueOrDefault("test"));
        Assert.Equal(["NONE"], services.Map("migrate").Map("healthcheck").Strings("test"));
        Assert.Equal("no", services.Map("migrate").Scalar("restart"));
    }

    [Fact]
    public async Task BillingServices_RunOnAReadOnlyRootWithTmpfsAndKeepInvoicesInANamedVolume()
    {
        var config = await RenderAsync();
        var services = config.Map("services");

        foreach (var name in BillingServices)
        {
            var service = services.Map(name);
            Assert.Equal("True", service.Scalar("read_only"), ignoreCase: true);
            Assert.Equal(["/tmp"], service.Strings("tmpfs"));
        }

        Assert.Equal(["invoices:/var/lib/billing/invoices:rw"], services.Map("silo-1").Strings("volumes"));
        Assert.Equal(["invoices:/var/lib/billing/invoices:rw"], services.Map("silo-2").Strings("volumes"));
        Assert.Contains("invoices", config.Map("volumes").Keys.Select(key => key.ToString()));
        Assert.Equal(["demo"], services.Map("generator").Strings("profiles"));
        Assert.Equal(["monitoring"], services.Map("prometheus").Strings("profiles"));
        Assert.Equal(["monitoring"], services.Map("grafana").Strings("profiles"));
    }

    [Fact]
    public void EnvironmentNames_OfBillingServicesAndTheExampleEnv_AreConfigurationKeysTheAppsRead()
    {
        // The file as written (its anchors merged), not as rendered: rendering inlines the .env file's compose
        // variables into the web app's environment, where the apps ignore them.
        var services = Yaml.Load(File.ReadAllText(RepositoryPaths.Combine("deploy", "compose", "compose.yaml"))).Map("services");
        var names = BillingServices.SelectMany(name => services.Map(name).Map("environment").Keys.Select(key => key.ToString()!)).ToList();
        // .env.example: the API key lines go to the web app (its env_file); the rest are compose's own variables.
        names.AddRange(File.ReadLines(RepositoryPaths.Combine("deploy", "compose", ".env.example"))
            .Where(line => !line.StartsWith('#') && line.Contains("__", StringComparison.Ordinal))
            .Select(line => line.Split('=')[0]));

        Assert.Contains("Billing__ApiKeys__0__Sha256", names);
        Assert.Contains("Orleans__AdvertisedIP", names);
        Assert.Empty(names.Distinct(StringComparer.Ordinal).Select(ConfigurationKeys.WhyNotRead).OfType<string>());
    }

    /// <summary>A published port as <c>[host address:]published:target</c>, from the short or the long syntax.</summary>
    private static string PortText(object? port) => port switch
    {
        Dictionary<object, object?> map => string.Join(':', new[] { map.Scalar("host_ip"), map.Scalar("published"), map.Scalar("target") }.OfType<string>()),
        _ => port?.ToString()?.Replace("/tcp", "", StringComparison.Ordinal) ?? "",
    };

    private static (string Service, string Condition) Dependency(Dictionary<object, object?> services, string service) =>
        Assert.Single(Dependencies(services, service));

    private static List<(string Service, string Condition)> Dependencies(Dictionary<object, object?> services, string service) =>
        [.. services.Map(service).Map("depends_on").Entries().Select(d => (d.Name, d.Value.Scalar("condition")!)).OrderBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary><c>docker-compose config</c> on a copy of deploy/compose whose .env is .env.example.</summary>
    private static async Task<Dictionary<object, object?>> RenderAsync()
    {
        var folder = Directory.CreateTempSubdirectory($"{TestRun.Id}-compose-config-").FullName;
        try
        {
            var compose = Path.Combine(folder, "deploy", "compose");
            Directory.CreateDirectory(compose);
            File.Copy(RepositoryPaths.Combine("deploy", "compose", "compose.yaml"), Path.Combine(compose, "compose.yaml"));
            File.Copy(RepositoryPaths.Combine("deploy", "compose", ".env.example"), Path.Combine(compose, ".env"));
            var result = await CommandLine.RunCheckedAsync("docker-compose", ["--file", "compose.yaml", "config"], TimeSpan.FromMinutes(1), compose);
            return Yaml.Load(result.StandardOutput);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

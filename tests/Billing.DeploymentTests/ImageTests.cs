using System.Text.Json;
using Billing.DeploymentTests.Infrastructure;
using Billing.TestSupport;
using Billing.TestSupport.Processes;

namespace Billing.DeploymentTests;

/// <summary>
/// The image built from deploy/Dockerfile (on the run's Debian stand-ins for Microsoft's base images): what it
/// runs as, what it checks, and each of its three programs started from it.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class ImageTests(ContainerImages images)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Image_RunsAsNonRootWithAHealthCheckAndContainerSettings()
    {
        Assert.Equal("1654:1654", await Podman.InspectImageAsync(images.Billing, "{{.Config.User}}"));
        Assert.Equal(["/app/Billing.Web"], Json<string[]>(await Podman.InspectImageAsync(images.Billing, "{{json .Config.Cmd}}")));
        var healthcheck = Json<JsonElement>(await Podman.InspectImageAsync(images.Billing, "{{json .Config.Healthcheck}}"));
        Assert.Equal(["CMD", "/app/Billing.Silo", "probe"], healthcheck.GetProperty("Test").EnumerateArray().Select(e => e.GetString()));
        var environment = Json<string[]>(await Podman.InspectImageAsync(images.Billing, "{{json .Config.Env}}"));
        Assert.Contains("Monitoring__Port=9464", environment);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", environment);
        Assert.Contains("DOTNET_gcServer=1", environment);
        Assert.Contains("Billing__InvoiceDirectory=/var/lib/billing/invoices", environment);
    }

    [Fact]
    public async Task Programs_WithoutTheirSettings_SayWhatTheyNeed()
    {
        var silo = await RunAsync("/app/Billing.Silo");
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("Billing.Silo runs as part of a cluster", silo.StandardError, StringComparison.Ordinal);

        var generator = await RunAsync("/app/Billing.Generator");
        Assert.Equal(2, generator.ExitCode);
        Assert.Contains("Kafka:BootstrapServers is required", generator.StandardError, StringComparison.Ordinal);

        var apikey = await RunAsync("/app/Billing.Silo", "apikey", "--admin");
        Assert.Equal(0, apikey.ExitCode);
        Assert.Contains("Billing__ApiKeys__0__Role=Admin", apikey.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebApp_OnAReadOnlyRootFileSystemWithoutIcu_RunsEmbeddedAndIsHealthy()
    {
        // The runtime stand-in has no ICU: the apps run with invariant globalization and need none.
        var icu = await RunAsync("/bin/sh", "-c", "ls /usr/lib/*/libicuuc.so* 2>/dev/null | wc -l");
        Assert.Equal("0", icu.StandardOutput.Trim());

        var name = $"{TestRun.Id}-embedded";
        await CommandLine.RunCheckedAsync("podman",
            ["run", "-d", "--name", name, "--read-only", "--tmpfs", "/tmp", "--tmpfs", "/var/lib/billing/invoices", images.Billing], RunTimeout);
        try
        {
            var address = await Podman.AddressOfAsync(name);
            using var monitoring = new HttpClient { BaseAddress = new Uri($"http://{address}:9464") };
            using var web = new HttpClient { BaseAddress = new Uri($"http://{address}:8080") };
            await WaitUntilAsync(async () => PrometheusText.Parse(await monitoring.GetStringAsync("/metrics"))
                .Sum("billing_kafka_records_delivered_total") > 0, name);

            // The web app answers only the host names in AllowedHosts, loopback names by default: a browser on
            // the host reaches it as localhost through the published port, anything else must be configured.
            using (var byAddress = await web.GetAsync("/health/ready"))
            {
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, byAddress.StatusCode);
            }

            using var asLocalhost = new HttpRequestMessage(HttpMethod.Get, "/health/ready") { Headers = { Host = "localhost:8080" } };
            using var ready = await web.SendAsync(asLocalhost);
            Assert.Equal("Healthy", await ready.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            Assert.True(await Podman.IsHealthyAsync(name), "the image's HEALTHCHECK passes");
            Assert.Equal("1654", (await CommandLine.RunCheckedAsync("podman", ["exec", name, "id", "-u"], RunTimeout)).StandardOutput.Trim());
        }
        finally
        {
            await CommandLine.RunAsync("podman", ["rm", "--force", name], RunTimeout);
        }
    }

    private Task<CommandResult> RunAsync(string program, params string[] arguments) =>
        CommandLine.RunAsync("podman", ["run", "--rm", "--read-only", images.Billing, program, .. arguments], RunTimeout);

    private static T Json<T>(string json) => JsonSerializer.Deserialize<T>(json)!;

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string container) =>
        Eventually.UntilAsync(condition, Patience, async () => $"{container} delivered no events:\n{await Podman.LogsAsync(container)}");
}

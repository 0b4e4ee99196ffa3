using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.ClusterTests.Infrastructure;
using Billing.TestSupport.Postgres;

namespace Billing.ClusterTests;

/// <summary>
/// The Orleans dashboard of a cluster: headless silos collect its statistics, the web app (a client of the
/// cluster) serves it to admins only.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterDashboardTests(PostgresFixture postgres)
{
    [Fact]
    public async Task WebClientOfTwoSilos_ServesTheDashboardWithBothSilosToAdminsOnly()
    {
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();

        // The silos' dashboard grains report every second or so; both silos show once both have reported.
        JsonElement counters = default;
        await ClusterHarness.WaitUntilHoldsAsync(
            async () =>
            {
                counters = await cluster.Http.GetFromJsonAsync<JsonElement>("/orleans-dashboard/DashboardCounters");
                return counters.GetProperty("totalActiveHostCount").GetInt32() == 2;
            },
            TimeSpan.FromSeconds(60),
            () => $"two active silos on the dashboard; last answer {counters}");
        using var page = await cluster.Http.GetAsync("/orleans-dashboard/");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = cluster.Http.BaseAddress };
        using var anonymousCounters = await anonymous.GetAsync("/orleans-dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A browser without a session is sent to sign in; nothing of the cluster is shown.
        Assert.Equal(HttpStatusCode.Redirect, anonymousCounters.StatusCode);
        Assert.StartsWith("/signin", anonymousCounters.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardOff_WebClientDoesNotServeIt()
    {
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync("Orleans:Dashboard=false");
        await cluster.StartWebClientAsync("Orleans:Dashboard=false");

        using var page = await cluster.Http.GetAsync("/orleans-dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}

using System.Net;
using Billing.ClusterTests.Infrastructure;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.ClusterTests;

/// <summary>In cluster mode only configured keys open the API: there are no demo keys.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterApiKeysTests(PostgresFixture postgres)
{
    [Fact]
    public async Task WebClientOfACluster_HasNoDemoKeys_AndAnswersOnlyConfiguredKeys()
    {
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        var emmaKey = DemoKeys.NewKey();
        await cluster.StartWebClientAsync($"Billing:ApiKeys:1:Sha256={ApiKeyRing.HashOf(emmaKey)}", "Billing:ApiKeys:1:Customer=Emma");
        var address = cluster.Http.BaseAddress!;

        Assert.Empty(cluster.WebServices.GetRequiredService<DemoKeys>().All);
        Assert.Equal(2, cluster.WebServices.GetRequiredService<ApiKeyRing>().Count);
        Assert.Equal(HttpStatusCode.OK, (await cluster.Http.GetAsync("/api/status")).StatusCode);
        using var anonymous = ApiClients.Create(address, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/customers/Emma/invoices")).StatusCode);
        using var emma = ApiClients.Create(address, emmaKey);
        Assert.Equal(HttpStatusCode.OK, (await emma.GetAsync("/api/customers/Emma/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await emma.GetAsync("/api/customers/Olivia/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await emma.GetAsync("/api/status")).StatusCode);
    }
}

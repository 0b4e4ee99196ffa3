using System.Net;
using Billing.Generator;
using Billing.Grains.EmbeddedKafka;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Hosting;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>
/// Demo keys exist only in embedded mode: one per generated customer and an admin key, new at every start.
/// In any other mode only configured keys open the API, and a bad configured key stops the app naming it.
/// </summary>
public sealed class DemoKeysModeTests
{
    [Fact]
    public async Task EmbeddedMode_MakesADemoKeyPerGeneratedCustomerAndOneAdminKey_NewAtEveryStart()
    {
        await using var first = await BillingAppHost.StartAsync("--Generator:Enabled=false");
        await using var second = await BillingAppHost.StartAsync("--Generator:Enabled=false");

        Assert.Equal(GeneratorCustomers.All.Select(c => c.Name).Append(null), first.DemoKeys.All.Select(k => k.Customer));
        Assert.Equal(first.DemoKeys.Admin!.Key, first.AdminKey);
        Assert.Empty(first.DemoKeys.All.Select(k => k.Key).Intersect(second.DemoKeys.All.Select(k => k.Key)));
        Assert.Equal(first.DemoKeys.All.Count, first.App.Services.GetRequiredService<ApiKeyRing>().Count);

        // Each works on its own app only.
        Assert.Equal(HttpStatusCode.OK, (await first.ClientFor(first.DemoKeys.For("Emma")!.Key).GetAsync("/api/customers/Emma/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.ClientFor(first.DemoKeys.For("Emma")!.Key).GetAsync("/api/customers/Emma/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.ClientFor(first.AdminKey).GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task ExternalKafkaMode_HasNoDemoKeys_OnlyTheConfiguredOnes()
    {
        using var external = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 2));
        var emmaKey = DemoKeys.NewKey();
        await using var host = await BillingAppHost.StartAsync(
            $"--Kafka:BootstrapServers={external.BootstrapServers}",
            $"--Billing:ApiKeys:0:Sha256={ApiKeyRing.HashOf(emmaKey)}",
            "--Billing:ApiKeys:0:Customer=Emma");

        Assert.Empty(host.DemoKeys.All);
        Assert.Null(host.DemoKeys.Admin);
        // Emma's configured key, and the admin key the test host configured after it.
        Assert.Equal(2, host.App.Services.GetRequiredService<ApiKeyRing>().Count);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientFor(emmaKey).GetAsync("/api/customers/Emma/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.ClientFor(emmaKey).GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task ClusterMode_HasNoDemoKeys()
    {
        // Built, not started: which keys exist is decided before any connection is made.
        await using var app = BillingWebApplication.Create(
        [
            "--ConnectionStrings:Billing=Host=127.0.0.1;Port=1;Database=none",
            "--Kafka:BootstrapServers=127.0.0.1:1",
        ]);

        Assert.Empty(app.Services.GetRequiredService<DemoKeys>().All);
        Assert.Equal(0, app.Services.GetRequiredService<ApiKeyRing>().Count);
    }

    [Theory]
    [InlineData("--Billing:ApiKeys:0:Sha256=not-a-hash", "--Billing:ApiKeys:0:Customer=Emma", "Billing:ApiKeys:0:Sha256")]
    [InlineData("--Billing:ApiKeys:0:Sha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "--Billing:ApiKeys:0:Role=Root", "Billing:ApiKeys:0:Role")]
    [InlineData("--Billing:ApiKeys:0:Sha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "--Generator:Enabled=false", "Billing:ApiKeys:0 needs :Customer")]
    public async Task BadConfiguredKey_StopsTheAppAtStartNamingTheKey(string hash, string other, string named)
    {
        var problem = await Assert.ThrowsAsync<InvalidOperationException>(() => BillingAppHost.StartAsync("--Generator:Enabled=false", hash, other));

        Assert.Contains(named, problem.Message, StringComparison.Ordinal);
    }
}

using Billing.Grains.EmbeddedKafka;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Hosting;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>What the sign-in depends on besides embedded mode: no demo keys elsewhere, and OpenID Connect options checked at start.</summary>
public sealed class SignInModeTests
{
    [Fact]
    public async Task SignInPage_ExternalKafkaMode_ListsNoDemoKeys()
    {
        using var external = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 1));
        await using var host = await WebAppHost.StartAsync($"--Kafka:BootstrapServers={external.BootstrapServers}");

        var html = await host.NewBrowser().Http.GetStringAsync("/signin");

        Assert.Contains("name=\"Form.Key\"", html, StringComparison.Ordinal);
        Assert.Empty(WebAppHost.DemoKeysListed(html));
        Assert.DoesNotContain("Demo keys", html, StringComparison.Ordinal);
        Assert.Empty(host.App.Services.GetRequiredService<DemoKeys>().All);
    }

    [Theory]
    [InlineData("https://login.example.test/", null, "Authentication:Oidc:ClientId")]
    [InlineData("not a url", "billing-web", "Authentication:Oidc:Authority")]
    [InlineData("http://login.example.test/", "billing-web", "Authentication:Oidc:Authority")]
    public void Start_BadOidcOptions_StopsNamingTheKey(string authority, string? clientId, string key)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", $"--Authentication:Oidc:Authority={authority}", .. clientId is null ? Array.Empty<string>() : [$"--Authentication:Oidc:ClientId={clientId}"]];

        var error = Assert.Throws<InvalidOperationException>(() => BillingWebApplication.Create(args));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}

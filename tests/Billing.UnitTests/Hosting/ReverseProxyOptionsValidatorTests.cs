using Billing.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.UnitTests.Hosting;

public sealed class ReverseProxyOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new ReverseProxyOptionsValidator().Validate(null, new ReverseProxyOptions()).Succeeded);

    [Theory]
    [InlineData("/billing")]
    [InlineData("/apps/billing")]
    [InlineData("/billing-2026_v1.0")]
    public void Validate_GoodPathBase_Succeeds(string pathBase) =>
        Assert.True(new ReverseProxyOptionsValidator().Validate(null, new ReverseProxyOptions { PathBase = pathBase }).Succeeded);

    [Theory]
    [InlineData("billing")]
    [InlineData("/billing/")]
    [InlineData("/")]
    [InlineData("//evil.example")]
    [InlineData("/a//b")]
    [InlineData("/billing?x=1")]
    [InlineData("/billing#top")]
    [InlineData("/bil ling")]
    [InlineData("/billing\\x")]
    public void Validate_BadPathBase_FailureNamesTheKey(string pathBase)
    {
        var result = new ReverseProxyOptionsValidator().Validate(null, new ReverseProxyOptions { PathBase = pathBase });

        Assert.True(result.Failed);
        Assert.Contains("Web:PathBase", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3", null)]
    [InlineData("10.1.2.3, ::1", "192.168.0.0/16,fd00::/8")]
    [InlineData(null, " 172.16.0.0/12 ")]
    public void Validate_GoodProxies_Succeed(string? proxies, string? networks) =>
        Assert.True(new ReverseProxyOptionsValidator().Validate(null, new ReverseProxyOptions { KnownProxies = proxies, KnownNetworks = networks }).Succeeded);

    [Theory]
    [InlineData("Web:KnownProxies", "10.1.2.3, proxy.internal")]
    [InlineData("Web:KnownProxies", "10.0.0.0/8")]
    [InlineData("Web:KnownNetworks", "10.0.0.0")]
    [InlineData("Web:KnownNetworks", "10.0.0.0/33")]
    [InlineData("Web:KnownNetworks", "10.0.0.0/8; 192.168.0.0/16")]
    public void Validate_BadProxyList_FailureNamesTheKeyAndTheItem(string key, string value)
    {
        var options = Bind(new Dictionary<string, string?> { [key] = value });

        var result = new ReverseProxyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_TheWebSection_TakesTheConfiguredValues()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Web:PathBase"] = "/billing",
            ["Web:ForwardedHeaders"] = "true",
            ["Web:KnownProxies"] = "10.1.2.3,10.1.2.4",
            ["Web:KnownNetworks"] = "192.168.0.0/16",
        });

        Assert.Equal("/billing", options.PathBase);
        Assert.True(options.ForwardedHeaders);
        Assert.Equal(["10.1.2.3", "10.1.2.4"], options.ProxyAddresses().Select(address => address.ToString()));
        Assert.Equal(["192.168.0.0/16"], options.ProxyNetworks().Select(network => network.ToString()));
    }

    [Fact]
    public void Bind_Nothing_TrustsNoConfiguredProxies()
    {
        var options = Bind([]);

        Assert.Equal("", options.PathBase);
        Assert.False(options.ForwardedHeaders);
        Assert.False(options.TrustsConfiguredProxies);
    }

    private static ReverseProxyOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection()
            .AddOptions<ReverseProxyOptions>().Bind(configuration.GetSection(ReverseProxyOptions.SectionName)).Services
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
    }
}

using Billing.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace Billing.UnitTests.Hosting;

public sealed class BillingModeSelectorTests
{
    [Fact]
    public void Select_NothingConfigured_IsEmbedded() => Assert.Equal(BillingMode.Embedded, BillingModeSelector.Select(Config()));

    [Fact]
    public void Select_KafkaOnly_IsExternalKafka() =>
        Assert.Equal(BillingMode.ExternalKafka, BillingModeSelector.Select(Config(("Kafka:BootstrapServers", "k:9092"))));

    [Fact]
    public void Select_DatabaseAndKafka_IsCluster() =>
        Assert.Equal(BillingMode.Cluster, BillingModeSelector.Select(Config(("ConnectionStrings:Billing", "Host=db"), ("Kafka:BootstrapServers", "k:9092"))));

    [Fact]
    public void Select_DatabaseWithoutKafka_FailsNamingTheKey()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => BillingModeSelector.Select(Config(("ConnectionStrings:Billing", "Host=db"))));

        Assert.Contains("Kafka:BootstrapServers", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, OrleansRole.Silo)]
    [InlineData("Silo", OrleansRole.Silo)]
    [InlineData("client", OrleansRole.Client)]
    public void Role_InClusterMode_IsRead(string? role, OrleansRole expected) =>
        Assert.Equal(expected, OrleansRoles.From(Config(("Orleans:Role", role)), BillingMode.Cluster));

    [Fact]
    public void Role_ClientOutsideClusterMode_FailsNamingTheKeys()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => OrleansRoles.From(Config(("Orleans:Role", "Client")), BillingMode.Embedded));

        Assert.Contains("ConnectionStrings:Billing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_Unknown_FailsNamingTheKey()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => OrleansRoles.From(Config(("Orleans:Role", "Gateway")), BillingMode.Cluster));

        Assert.Contains("Orleans:Role", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("eleven")]
    public void SiloPorts_Invalid_FailNamingTheKey(string port)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => SiloPorts.From(Config(("Orleans:SiloPort", port))));

        Assert.Contains("Orleans:SiloPort", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloPorts_Unset_AreTheDefaults() => Assert.Equal(new SiloPorts(11111, 30000), SiloPorts.From(Config()));

    [Fact]
    public void AdvertisedAddress_Invalid_FailsNamingTheKey()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.From(Config(("Orleans:AdvertisedIP", "not-an-ip"))));

        Assert.Contains("Orleans:AdvertisedIP", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdvertisedAddress_PodIp_IsUsedWhenNoExplicitAddress() =>
        Assert.Equal("10.1.2.3", AdvertisedAddress.From(Config(("POD_IP", "10.1.2.3"))).ToString());

    private static IConfiguration Config(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}

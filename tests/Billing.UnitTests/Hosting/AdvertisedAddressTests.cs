using System.Net;
using System.Net.Sockets;
using Billing.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace Billing.UnitTests.Hosting;

public sealed class AdvertisedAddressTests
{
    [Fact]
    public void From_NothingSet_IsLoopback() =>
        Assert.Equal(IPAddress.Loopback, AdvertisedAddress.From(Configuration(), NoDns));

    [Fact]
    public void From_PodIp_IsUsedWhenAdvertisedIpIsNotSet() =>
        Assert.Equal(IPAddress.Parse("10.1.2.3"), AdvertisedAddress.From(Configuration(("POD_IP", "10.1.2.3")), NoDns));

    [Fact]
    public void From_AdvertisedIp_WinsOverPodIp() =>
        Assert.Equal(
            IPAddress.Parse("10.9.9.9"),
            AdvertisedAddress.From(Configuration(("Orleans:AdvertisedIP", "10.9.9.9"), ("POD_IP", "10.1.2.3")), NoDns));

    [Fact]
    public void From_HostName_ResolvesToItsFirstNonLoopbackIPv4Address()
    {
        IPAddress[] Resolve(string host) => host == "silo-1"
            ? [IPAddress.Loopback, IPAddress.Parse("fd00::5"), IPAddress.Parse("10.89.0.7")]
            : throw new SocketException((int)SocketError.HostNotFound);

        Assert.Equal(IPAddress.Parse("10.89.0.7"), AdvertisedAddress.From(Configuration(("Orleans:AdvertisedIP", "silo-1")), Resolve));
    }

    [Theory]
    [InlineData("silo-1", "non-loopback address")]
    [InlineData("not a host!", "non-loopback address")]
    [InlineData("unknown-host", "does not resolve")]
    public void From_UnusableHostName_FailsNamingTheKey(string value, string problem)
    {
        IPAddress[] Resolve(string host) => host == "silo-1"
            ? [IPAddress.Loopback]
            : throw new SocketException((int)SocketError.HostNotFound);

        var error = Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.From(Configuration(("Orleans:AdvertisedIP", value)), Resolve));

        Assert.StartsWith("Orleans:AdvertisedIP", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static IPAddress[] NoDns(string host) => throw new InvalidOperationException($"no lookup expected, asked for {host}");

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}

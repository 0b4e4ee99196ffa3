using Billing.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace Billing.UnitTests.Hosting;

public sealed class OrleansDashboardSettingTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData(" false ", false)]
    public void IsEnabled_OnUnlessSetToFalse(string? value, bool expected) => Assert.Equal(expected, OrleansDashboardSetting.IsEnabled(Config(value)));

    [Theory]
    [InlineData("yes")]
    [InlineData("0")]
    public void IsEnabled_NotABoolean_FailsNamingTheKeyAndValue(string value)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => OrleansDashboardSetting.IsEnabled(Config(value)));

        Assert.Equal($"Orleans:Dashboard must be true or false (was '{value}').", failure.Message);
    }

    private static IConfiguration Config(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection([new("Orleans:Dashboard", value)]).Build();
}

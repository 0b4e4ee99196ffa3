using Billing.Web.Security;

namespace Billing.UnitTests.Security;

public sealed class CircuitLimitOptionsValidatorTests
{
    [Fact]
    public void Validate_Default_Succeeds()
    {
        var options = new CircuitLimitOptions();

        Assert.Equal(32, options.MaxCircuitsPerClient);
        Assert.True(new CircuitLimitOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_BelowOne_FailsNamingTheKey(int limit)
    {
        var result = new CircuitLimitOptionsValidator().Validate(null, new CircuitLimitOptions { MaxCircuitsPerClient = limit });

        Assert.StartsWith("Web:MaxCircuitsPerClient must be at least 1", result.FailureMessage, StringComparison.Ordinal);
    }
}

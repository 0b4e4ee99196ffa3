using Billing.Web.Ingest;
using Microsoft.Extensions.Configuration;

namespace Billing.UnitTests.Web.Ingest;

public sealed class IngestOptionsValidatorTests
{
    [Fact]
    public void Defaults_Succeed()
    {
        var defaults = new IngestOptions();

        Assert.True(new IngestOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.Equal(1_000, defaults.MaxBatchSize);
        Assert.Equal(10_000, defaults.MaxEventsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.ProduceTimeout);
        Assert.Equal(1L << 20, defaults.MaxRequestBytes);
    }

    [Theory]
    [InlineData("Billing:Ingest:MaxBatchSize", "0")]
    [InlineData("Billing:Ingest:MaxEventsPerSecond", "0")]
    [InlineData("Billing:Ingest:MaxEventsPerSecond", "999")]
    [InlineData("Billing:Ingest:ProduceTimeout", "00:00:00")]
    [InlineData("Billing:Ingest:ProduceTimeout", "-00:00:01")]
    [InlineData("Billing:Ingest:ProduceTimeout", "01:00:00")]
    [InlineData("Billing:Ingest:MaxRequestBytes", "100")]
    [InlineData("Billing:Ingest:MaxRequestBytes", "1000000000")]
    public void BadValue_FailureNamesTheKeyAndTheValue(string key, string value)
    {
        var options = Bind(key, value);

        var result = new IngestOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(key + " must be", failure, StringComparison.Ordinal);
        Assert.Contains($"was {value}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void RateBelowTheBatchSize_SaysThatAFullBatchWouldNeverFit()
    {
        var failure = Assert.Single(new IngestOptionsValidator().Validate(null, new IngestOptions { MaxBatchSize = 500, MaxEventsPerSecond = 100 }).Failures!);

        Assert.Equal("Billing:Ingest:MaxEventsPerSecond must be at least Billing:Ingest:MaxBatchSize (500; was 100).", failure);
    }

    private static IngestOptions Bind(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build()
            .GetSection(IngestOptions.SectionName).Get<IngestOptions>()!;
}

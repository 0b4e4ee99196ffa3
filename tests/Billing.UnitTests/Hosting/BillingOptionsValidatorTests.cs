using Billing.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.UnitTests.Hosting;

public sealed class BillingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new BillingOptionsValidator().Validate(null, new BillingOptions()).Succeeded);

    [Theory]
    [InlineData("Billing:MaxOutOfOrderness", "-00:00:01")]
    [InlineData("Billing:AllowedLateness", "-1.00:00:00")]
    [InlineData("Billing:IdlePartitionTimeout", "00:00:00")]
    [InlineData("Billing:WatermarkInterval", "00:00:00")]
    [InlineData("Billing:ClosingReminderPeriod", "00:00:00.500")]
    [InlineData("Billing:InvoiceDirectory", " ")]
    [InlineData("Billing:MaxFutureSkew", "-00:00:01")]
    [InlineData("Billing:MaxPartitionLead", "-00:00:01")]
    [InlineData("Billing:MaxEventAge", "30.00:00:00")]
    [InlineData("Billing:MaxActiveCustomers", "0")]
    [InlineData("Billing:DeduplicationHorizon", "2.00:00:00")]
    public void Validate_BadValue_FailureNamesTheKey(string key, string value)
    {
        var options = Bind(new Dictionary<string, string?> { [key] = value });

        var result = new BillingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_AcceleratedTime_TakesTheConfiguredValues()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Billing:AllowedLateness"] = "00:00:00",
            ["Billing:ClosingReminderPeriod"] = "00:00:02",
            ["Billing:InvoiceDirectory"] = "/tmp/invoices",
        });

        Assert.Equal(TimeSpan.Zero, options.AllowedLateness);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ClosingReminderPeriod);
        Assert.Equal("/tmp/invoices", options.InvoiceDirectory);
        Assert.Equal(TimeSpan.FromHours(12), options.MaxOutOfOrderness);
    }

    [Fact]
    public void Bind_Nothing_TakesTheDocumentedEventTimeBounds()
    {
        var options = Bind([]);

        Assert.Equal(TimeSpan.FromHours(1), options.MaxFutureSkew);
        Assert.Equal(TimeSpan.FromDays(400), options.MaxEventAge);
        Assert.Equal(TimeSpan.FromDays(1), options.MaxPartitionLead);
        Assert.Equal(25_000, options.MaxActiveCustomers);
        Assert.Equal(TimeSpan.FromDays(35), options.DeduplicationHorizon);
    }

    [Fact]
    public void Validate_DeduplicationHorizonShorterThanTheLateness_NamesBothKeys()
    {
        var result = new BillingOptionsValidator().Validate(null, new BillingOptions { AllowedLateness = TimeSpan.FromDays(5), DeduplicationHorizon = TimeSpan.FromDays(4) });

        Assert.Equal(
            "Billing:DeduplicationHorizon must be at least Billing:AllowedLateness (5.00:00:00; was 4.00:00:00).",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_MaxEventAgeShorterThanAMonthCanStayOpen_NamesEveryKeyItDependsOn()
    {
        var result = new BillingOptionsValidator().Validate(null, new BillingOptions { MaxEventAge = TimeSpan.FromDays(30) });

        Assert.Equal(
            "Billing:MaxEventAge must be at least Billing:MaxOutOfOrderness + Billing:AllowedLateness + 31 days (34.12:00:00; was 30.00:00:00).",
            Assert.Single(result.Failures!));
    }

    private static BillingOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection()
            .AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.SectionName)).Services
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<BillingOptions>>().Value;
    }
}

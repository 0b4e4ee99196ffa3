using Billing.Generator;
using Billing.Generator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.GeneratorTests;

public sealed class GeneratorHostingTests
{
    [Fact]
    public async Task AddBillingGenerator_BadValue_StopsStartUpNamingTheKey()
    {
        using var host = BuildHost(new() { ["Generator:EventDaysPerSecond"] = "0" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Generator:EventDaysPerSecond must be greater than 0 (was 0).", ex.Message);
    }

    [Fact]
    public async Task AddBillingGenerator_EnabledWithoutKafka_StopsStartUpNamingTheKey()
    {
        using var host = BuildHost(new() { ["Generator:Enabled"] = "true" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Kafka:BootstrapServers is required when Generator:Enabled is true (host:port[,host:port...]).", ex.Message);
    }

    [Fact]
    public void AddBillingGenerator_Configuration_BindsEveryOption()
    {
        using var host = BuildHost(new()
        {
            ["Generator:Enabled"] = "true",
            ["Generator:Seed"] = "9",
            ["Generator:EventDaysPerSecond"] = "2.5",
            ["Generator:StartMonth"] = "2027-03",
            ["Generator:Format"] = "Json",
            ["Generator:Months"] = "4",
            ["Generator:MaxEventsPerSecond"] = "500",
            ["Generator:Topic"] = "other",
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
        });

        var options = host.Services.GetRequiredService<IOptions<GeneratorOptions>>().Value;
        var kafka = host.Services.GetRequiredService<IOptions<GeneratorKafkaOptions>>().Value;

        Assert.Equal(
            (true, 9, 2.5, "2027-03", GeneratorFormat.Json, (int?)4, 500, "other", "127.0.0.1:1"),
            (options.Enabled, options.Seed, options.EventDaysPerSecond, options.StartMonth, options.Format, options.Months,
                options.MaxEventsPerSecond, options.Topic, kafka.BootstrapServers));
        Assert.Same(host.Services.GetRequiredService<GeneratorService>(), Assert.Single(host.Services.GetServices<IHostedService>()));
    }

    [Fact]
    public async Task AddBillingGenerator_Disabled_StartsWithoutKafkaAndCompletes()
    {
        using var host = BuildHost([]);

        await host.StartAsync();
        var generator = host.Services.GetRequiredService<GeneratorService>();
        await generator.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.True(generator.Completion.IsCompletedSuccessfully);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBillingGenerator(builder.Configuration);
        return builder.Build();
    }
}

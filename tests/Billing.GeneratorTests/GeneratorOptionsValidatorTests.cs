using Billing.Generator;
using Billing.Generator.Internal;
using Microsoft.Extensions.Options;

namespace Billing.GeneratorTests;

public sealed class GeneratorOptionsValidatorTests
{
    private static readonly GeneratorOptionsValidator Validator = new();

    public static TheoryData<Action<GeneratorOptions>, string> BadOptions => new()
    {
        { o => o.EventDaysPerSecond = 0, "Generator:EventDaysPerSecond must be greater than 0 (was 0)." },
        { o => o.EventDaysPerSecond = -1.5, "Generator:EventDaysPerSecond must be greater than 0 (was -1.5)." },
        { o => o.EventDaysPerSecond = double.NaN, "Generator:EventDaysPerSecond must be greater than 0 (was NaN)." },
        { o => o.EventDaysPerSecond = double.PositiveInfinity, "Generator:EventDaysPerSecond must be greater than 0 (was Infinity)." },
        { o => o.StartMonth = "2026-1", "Generator:StartMonth must be a month written yyyy-MM, e.g. 2026-01 (was '2026-1')." },
        { o => o.StartMonth = "2026-13", "Generator:StartMonth must be a month written yyyy-MM, e.g. 2026-01 (was '2026-13')." },
        { o => o.StartMonth = "2026-01-01", "Generator:StartMonth must be a month written yyyy-MM, e.g. 2026-01 (was '2026-01-01')." },
        { o => o.StartMonth = "1969-12", "Generator:StartMonth must be between 1970-01 and 2199-12 (was '1969-12')." },
        { o => o.StartMonth = "2200-01", "Generator:StartMonth must be between 1970-01 and 2199-12 (was '2200-01')." },
        { o => o.Format = (GeneratorFormat)7, "Generator:Format must be Csv or Json (was 7)." },
        { o => o.Months = 0, "Generator:Months must be at least 1 when set (was 0)." },
        { o => o.MaxEventsPerSecond = 0, "Generator:MaxEventsPerSecond must be between 1 and 1000000 (was 0)." },
        { o => o.MaxEventsPerSecond = 1_000_001, "Generator:MaxEventsPerSecond must be between 1 and 1000000 (was 1000001)." },
        { o => o.Topic = "", "Generator:Topic must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-' (was '')." },
        { o => o.Topic = "bad topic", "Generator:Topic must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-' (was 'bad topic')." },
        { o => o.Topic = "..", "Generator:Topic must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-' (was '..')." },
    };

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new GeneratorOptions();

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.False(options.Enabled);
        Assert.Equal(1, options.Seed);
        Assert.Equal(1.0, options.EventDaysPerSecond);
        Assert.Equal("2026-01", options.StartMonth);
        Assert.Equal(GeneratorFormat.Csv, options.Format);
        Assert.Null(options.Months);
        Assert.Equal(2_000, options.MaxEventsPerSecond);
        Assert.Equal("billableevents.incoming", options.Topic);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadValue_FailsNamingTheKey(Action<GeneratorOptions> change, string expected)
    {
        var options = new GeneratorOptions();
        change(options);

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal([expected], result.Failures);
    }

    [Fact]
    public void Validate_KafkaWithoutBootstrapServers_FailsOnlyWhenEnabled()
    {
        var whenEnabled = new GeneratorKafkaOptionsValidator(Options.Create(new GeneratorOptions { Enabled = true }));
        var whenDisabled = new GeneratorKafkaOptionsValidator(Options.Create(new GeneratorOptions()));

        Assert.Equal(
            ["Kafka:BootstrapServers is required when Generator:Enabled is true (host:port[,host:port...])."],
            whenEnabled.Validate(null, new GeneratorKafkaOptions()).Failures);
        Assert.True(whenDisabled.Validate(null, new GeneratorKafkaOptions()).Succeeded);
        Assert.True(whenEnabled.Validate(null, new GeneratorKafkaOptions { BootstrapServers = "127.0.0.1:9092" }).Succeeded);
    }
}

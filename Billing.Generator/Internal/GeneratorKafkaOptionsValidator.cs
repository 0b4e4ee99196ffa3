using Microsoft.Extensions.Options;

namespace Billing.Generator.Internal;

/// <summary>
/// Checks <see cref="GeneratorKafkaOptions"/> at start-up, but only when the generator is enabled: a host that
/// merely references the generator must not need Kafka settings for it.
/// </summary>
internal sealed class GeneratorKafkaOptionsValidator(IOptions<GeneratorOptions> generator) : IValidateOptions<GeneratorKafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, GeneratorKafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (generator.Value.Enabled && string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            return ValidateOptionsResult.Fail("Kafka:BootstrapServers is required when Generator:Enabled is true (host:port[,host:port...]).");
        }

        return ValidateOptionsResult.Success;
    }
}

namespace Billing.Generator;

/// <summary>
/// The generator's connection to Kafka, bound from the <c>Kafka</c> configuration section that the stream
/// provider reads as well, so one setting points both at the same brokers.
/// </summary>
public sealed class GeneratorKafkaOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Kafka";

    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port…]</c>. Required when the generator is enabled; no default.</summary>
    public string BootstrapServers { get; set; } = "";
}

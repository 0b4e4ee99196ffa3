using Billing.Grains.Streaming.Kafka.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Streaming.Kafka.Hosting;

/// <summary>Registers the Kafka persistent stream provider on a silo.</summary>
public static class KafkaStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> that reads every partition of a Kafka
    /// topic (one queue per partition) and delivers each record to the streams an <see cref="IKafkaRecordMapper"/>
    /// picks. Register the mapper as a keyed singleton under <paramref name="name"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The stream provider name.</param>
    /// <param name="configureOptions">Binds or sets <see cref="KafkaStreamOptions"/>; validated at start-up.</param>
    /// <param name="configureStream">Further Orleans settings: pulling agent, pub-sub type, queue balancing.</param>
    public static ISiloBuilder AddKafkaStreams(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<KafkaStreamOptions>> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<KafkaDeliveryProgress>();
        builder.Services.TryAddSingleton<KafkaStreamMetrics>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaStreamOptions>, KafkaStreamOptionsValidator>());
        builder.Services.AddOptions<KafkaStreamOptions>(name).ValidateOnStart();
        builder.Services.AddKeyedSingleton(name, (services, _) => new DeadLetterPublisher(
            services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name),
            services.GetRequiredService<KafkaStreamMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger($"Billing.Grains.Streaming.Kafka.{name}.DeadLetters")));

        return builder.AddPersistentStreams(name, KafkaAdapterFactory.Create, configurator =>
        {
            configurator.Configure(configureOptions);
            configureStream?.Invoke(configurator);
        });
    }
}

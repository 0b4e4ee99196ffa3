using Billing.Grains.Streaming.Kafka.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

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
        builder.Services.TryAddSingleton<KafkaDeliveryGates>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaStreamOptions>, KafkaStreamOptionsValidator>());
        builder.Services.AddOptions<KafkaStreamOptions>(name).ValidateOnStart();
        builder.Services.AddKeyedSingleton(name, (services, _) => new DeadLetterPublisher(
            services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name),
            services.GetRequiredService<KafkaStreamMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger($"Billing.Grains.Streaming.Kafka.{name}.DeadLetters")));

        // A delivery is retried until it succeeds: a valid record is never dropped or dead-lettered because its
        // consumer, its storage or a silo is failing, however long that lasts. After the stream configuration,
        // so that no setting of the pulling agent's MaxEventDeliveryTime can bring a timer back.
        builder.Services.PostConfigure<StreamPullingAgentOptions>(name, options => options.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan);

        // Sees every delivery attempt of the pulling agents, so that a partition waiting behind a failing one shows why.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutgoingGrainCallFilter, KafkaDeliveryObserver>());

        return builder.AddPersistentStreams(name, KafkaAdapterFactory.Create, configurator =>
        {
            configurator.Configure(configureOptions);
            configurator.ConfigureBackoffProvider((services, providerName) =>
            {
                var options = services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(providerName);
                return new KafkaDeliveryBackoff(options.DeliveryRetryMinDelay, options.DeliveryRetryMaxDelay);
            });
            configureStream?.Invoke(configurator);
        });
    }
}

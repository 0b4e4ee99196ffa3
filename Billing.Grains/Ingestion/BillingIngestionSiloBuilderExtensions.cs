using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Streaming.Kafka.Hosting;
using Billing.Records;
using Billing.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Billing.Grains.Ingestion;

/// <summary>Wires the billable-event topic into a silo: the Kafka provider, the codec and the record mapper.</summary>
public static class BillingIngestionSiloBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="BillingStreams.ProviderName"/> stream provider reading billable events from Kafka into
    /// the customer and type streams, with implicit subscriptions only (no pub-sub storage needed), and the agent
    /// that reports stalled partitions to <see cref="IDeliveryStallsGrain"/> and carries out skip orders.
    /// </summary>
    public static ISiloBuilder AddBillingIngestion(
        this ISiloBuilder builder,
        Action<OptionsBuilder<KafkaStreamOptions>> configureKafka,
        RecordCodecOptions? codecOptions = null,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DeliveryStallAgent>();
        builder.Services.AddKeyedSingleton<IKafkaRecordMapper>(
            BillingStreams.ProviderName,
            (_, _) => new BillingRecordMapper(new BillableEventCodec(codecOptions ?? new RecordCodecOptions())));

        return builder.AddKafkaStreams(BillingStreams.ProviderName, configureKafka, configurator =>
        {
            configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            configureStream?.Invoke(configurator);
        });
    }
}

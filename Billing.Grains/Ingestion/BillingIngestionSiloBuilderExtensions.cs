using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Streaming.Kafka.Hosting;
using Billing.Grains.Time;
using Billing.Records;
using Billing.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Billing.Grains.Ingestion;

/// <summary>Wires the billable-event topic into a silo: the Kafka provider, the codec and the record mapper.</summary>
public static class BillingIngestionSiloBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="BillingStreams.ProviderName"/> stream provider reading billable events from Kafka into
    /// the customer and type streams, with implicit subscriptions only (no pub-sub storage needed), and the agent
    /// that reports stalled partitions to <see cref="IDeliveryStallsGrain"/> and carries out skip orders. Event
    /// times are checked against the <see cref="IProcessingClock"/> (the wall clock unless the host registered
    /// another) within <see cref="BillingOptions.MaxFutureSkew"/> and <see cref="BillingOptions.MaxEventAge"/>.
    /// </summary>
    public static ISiloBuilder AddBillingIngestion(
        this ISiloBuilder builder,
        Action<OptionsBuilder<KafkaStreamOptions>> configureKafka,
        RecordCodecOptions? codecOptions = null,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DeliveryStallAgent>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IProcessingClock, WallProcessingClock>();
        builder.Services.AddKeyedSingleton<IKafkaRecordMapper>(
            BillingStreams.ProviderName,
            (services, _) =>
            {
                var billing = services.GetRequiredService<IOptions<BillingOptions>>().Value;
                return new BillingRecordMapper(
                    new BillableEventCodec(codecOptions ?? new RecordCodecOptions()),
                    new EventTimePlausibility(billing.MaxFutureSkew, billing.MaxEventAge),
                    services.GetRequiredService<IProcessingClock>());
            });

        return builder.AddKafkaStreams(BillingStreams.ProviderName, configureKafka, configurator =>
        {
            configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            configureStream?.Invoke(configurator);
        });
    }
}

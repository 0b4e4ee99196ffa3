using Billing.Grains.Hosting;
using Billing.Grains.Ingestion;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Time;
using Billing.Records;
using Billing.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.Web.Ingest;

/// <summary>Registers HTTP ingestion: its options (a bad value stops start-up naming the key), reader, budget and producer.</summary>
public static class IngestHosting
{
    /// <summary>
    /// Binds and checks <see cref="IngestOptions"/> at once, so that a bad value stops start-up naming its key before
    /// anything starts (call before the Orleans hosting, which may start an embedded broker). What the services
    /// need of that hosting (the broker's address, the processing clock) they take when first used.
    /// </summary>
    public static void AddBillingIngest(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var configured = configuration.GetSection(IngestOptions.SectionName).Get<IngestOptions>() ?? new IngestOptions();
        var result = new IngestOptionsValidator().Validate(null, configured);
        if (result.Failed)
        {
            throw new OptionsValidationException(IngestOptions.SectionName, typeof(IngestOptions), result.Failures);
        }

        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>());
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
            var billing = services.GetRequiredService<IOptions<BillingOptions>>().Value;
            var clock = services.GetRequiredService<IProcessingClock>();
            // The silos' own rule: an event they would dead-letter as implausible-time is refused here instead.
            var plausibility = new EventTimePlausibility(billing.MaxFutureSkew, billing.MaxEventAge);
            return new IngestBatchReader(
                new BillableEventCodec(BillingSiloConfiguration.CodecOptions(configuration)),
                options.MaxBatchSize,
                time => plausibility.Check(time, clock.GetUtcNow()));
        });
        builder.Services.AddSingleton(services => new EventRateBudget(
            services.GetRequiredService<IOptions<IngestOptions>>().Value.MaxEventsPerSecond, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
            var runtime = services.GetRequiredService<BillingRuntimeInfo>();
            var kafka = new KafkaStreamOptions();
            configuration.GetSection("Kafka").Bind(kafka);
            return new IngestProducer(
                IngestProducer.ConfigFor(runtime.BootstrapServers, kafka.ClientProperties, options.ProduceTimeout),
                kafka.Topic,
                runtime.Currency,
                options.ProduceTimeout,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<IngestProducer>>());
        });
    }
}

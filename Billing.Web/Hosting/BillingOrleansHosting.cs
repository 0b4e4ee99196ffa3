using Billing.Generator;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Time;
using Billing.Observability.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Billing.Web.Hosting;

/// <summary>
/// Joins the web app to Orleans for the selected mode: a co-hosted silo (with the embedded broker in embedded
/// mode), or a client of the cluster (<c>Orleans:Role=Client</c>).
/// </summary>
public static class BillingOrleansHosting
{
    /// <summary>Where admins find the Orleans dashboard (unless <c>Orleans:Dashboard=false</c>).</summary>
    public const string DashboardPath = "/orleans-dashboard";

    public static void AddBillingOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = BillingModeSelector.Select(configuration);
        if (mode == BillingMode.Embedded)
        {
            StartEmbeddedBroker(builder);
        }

        var role = OrleansRoles.From(configuration, mode);
        var dashboard = OrleansDashboardSetting.IsEnabled(configuration);
        var tracing = BillingTelemetryExtensions.IsTracingEnabled(configuration);
        var codecOptions = BillingSiloConfiguration.CodecOptions(configuration);
        builder.Services.AddSingleton(new BillingRuntimeInfo(mode, configuration["Kafka:BootstrapServers"]!, codecOptions.Currency));
        builder.Services.AddSingleton(TimeProvider.System);
        AddProcessingClock(builder, mode);
        // The status route reads the lateness to show what is closed; a client-only process binds it here.
        builder.Services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>());
        // Bound here rather than taken from the stream provider: a client-only web process has no provider.
        var kafka = new KafkaStreamOptions();
        configuration.GetSection("Kafka").Bind(kafka);
        // Made by the container on first use, so the container disposes its Kafka clients.
        builder.Services.AddSingleton(_ => new KafkaTopicInspector(kafka));
        // Admins replay dead letters from the admin page and the API with the same class as Billing.Silo deadletters.
        builder.Services.AddSingleton(new KafkaDeadLetterReplayer(kafka));
        // The dashboard's pages are served here (BillingWebApplication maps them for admins); its statistics
        // come from the silos, so a client's silos (Billing.Silo) add it too, under the same setting.
        if (role == OrleansRole.Client)
        {
            builder.UseOrleansClient(client =>
            {
                client.ConfigureBillingClient(configuration);
                if (tracing)
                {
                    client.AddActivityPropagation();
                }

                if (dashboard)
                {
                    client.AddDashboard();
                }
            });
        }
        else
        {
            builder.UseOrleans(silo =>
            {
                silo.ConfigureBillingSilo(configuration, mode);
                if (tracing)
                {
                    silo.AddActivityPropagation();
                }

                if (dashboard)
                {
                    silo.AddDashboard();
                }
            });
        }
    }

    /// <summary>
    /// Event times are judged against the wall clock, except in the embedded demo with its generator running in
    /// this process: there the generator's simulated time is the processing clock. Registered before the silo,
    /// whose own registration only fills in the wall clock when none is there; a clock the host registered
    /// first (a test's) stands.
    /// </summary>
    private static void AddProcessingClock(WebApplicationBuilder builder, BillingMode mode)
    {
        if (mode == BillingMode.Embedded && builder.Configuration.GetValue<bool>("Generator:Enabled"))
        {
            builder.Services.TryAddSingleton<IProcessingClock>(services => new GeneratorProcessingClock(services.GetRequiredService<GeneratorService>()));
        }
        else
        {
            builder.Services.TryAddSingleton<IProcessingClock>(services => new WallProcessingClock(services.GetRequiredService<TimeProvider>()));
        }
    }

    private static void StartEmbeddedBroker(WebApplicationBuilder builder)
    {
        var partitionsText = builder.Configuration["Kafka:Partitions"];
        var partitions = EmbeddedKafkaBrokerOptions.DefaultPartitions;
        if (!string.IsNullOrWhiteSpace(partitionsText)
            && (!int.TryParse(partitionsText, System.Globalization.CultureInfo.InvariantCulture, out partitions) || partitions < 1))
        {
            throw new InvalidOperationException($"Kafka:Partitions must be a whole number of at least 1 (was '{partitionsText}').");
        }

        var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(
            partitions,
            builder.Configuration["Kafka:Topic"] ?? EmbeddedKafkaBrokerOptions.DefaultTopic,
            builder.Configuration["Kafka:DeadLetterTopic"] ?? EmbeddedKafkaBrokerOptions.DefaultDeadLetterTopic));
        // Registered for tests to find; the container does not dispose an instance it was handed, so the
        // app disposes it once the host has stopped (after the silo).
        builder.Services.AddSingleton(broker);
        builder.Configuration["Kafka:BootstrapServers"] = broker.BootstrapServers;
        builder.Configuration["Generator:Enabled"] ??= "true";
    }
}

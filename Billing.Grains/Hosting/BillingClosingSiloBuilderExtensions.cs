using Billing.Grains.Customers;
using Billing.Grains.Deduplication;
using Billing.Grains.Invoicing;
using Billing.Grains.Time;
using Billing.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Billing.Grains.Hosting;

/// <summary>Event time, month closing and invoicing on a silo.</summary>
public static class BillingClosingSiloBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="BillingOptions"/> (validated at start-up), runs the event-clock agent, and issues
    /// invoices to the store of <paramref name="mode"/> (PostgreSQL in cluster mode, memory otherwise) and to
    /// files under <see cref="BillingOptions.InvoiceDirectory"/>. Outside cluster mode reminders live in memory.
    /// Also keeps this silo's customer standings, which the customer grains update and an agent sends to the
    /// leaderboard: it leaves out months the watermark has closed.
    /// </summary>
    public static ISiloBuilder AddBillingClosing(this ISiloBuilder silo, IConfiguration configuration, BillingMode mode, RecordCodecOptions codecOptions)
    {
        var services = silo.Services;
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The wall clock, unless the host registered another (the embedded demo's generator clock).
        services.TryAddSingleton<IProcessingClock, WallProcessingClock>();
        services.TryAddSingleton(codecOptions);
        services.AddSingleton<EventClockView>();
        services.AddSingleton<CustomerDirectoryReporter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, EventClockAgent>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WatermarkMetrics>();
        services.AddSingleton<CustomerStandings>();
        services.AddSingleton<CustomerActivations>();
        services.AddSingleton<EventIdRetention>();
        services.AddSingleton<DeduplicationMetrics>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CustomerStandingsAgent>();
        services.AddSingleton(provider => new InvoiceFileWriter(
            Path.GetFullPath(provider.GetRequiredService<IOptions<BillingOptions>>().Value.InvoiceDirectory),
            codecOptions.MinorDigits));
        services.AddSingleton<InvoicingMetrics>();
        services.AddSingleton<InvoiceIssuer>();
        if (mode == BillingMode.Cluster)
        {
            services.AddSingleton<IInvoiceStore>(provider => new PostgresInvoiceStore(
                provider.GetRequiredKeyedService<NpgsqlDataSource>(BillingStorage.Name),
                provider.GetRequiredService<ILogger<PostgresInvoiceStore>>()));
        }
        else
        {
            services.AddSingleton<IInvoiceStore, MemoryInvoiceStore>();
            silo.UseInMemoryReminderService();
        }

        // Orleans refuses reminder periods under a minute unless told otherwise; accelerated time needs shorter.
        services.AddOptions<ReminderOptions>().Configure<IOptions<BillingOptions>>((reminders, billing) =>
        {
            if (billing.Value.ClosingReminderPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = billing.Value.ClosingReminderPeriod;
            }
        });
        return silo;
    }
}

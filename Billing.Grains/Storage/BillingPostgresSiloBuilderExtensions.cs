using Billing.Grains.Storage.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Billing.Grains.Storage;

/// <summary>Puts a silo's clustering, billing grain state, reminders and invoices on one PostgreSQL database.</summary>
public static class BillingPostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql; Orleans' providers default to SQL Server without it.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>
    /// Configures ADO.NET clustering, the <see cref="BillingStorage.Name"/> grain storage (batched, see
    /// <see cref="PostgresGrainStorage"/>) and the ADO.NET reminder service on <paramref name="connectionString"/>,
    /// all through one connection pool of <see cref="BillingDatabaseOptions.MaxConnections"/> (the keyed
    /// <see cref="NpgsqlDataSource"/> <see cref="BillingStorage.Name"/>, which the invoice store uses too).
    /// The database must hold the billing schema: run <see cref="BillingSchema.MigrateAsync(string, Microsoft.Extensions.Logging.ILogger, CancellationToken)"/> before the silo starts.
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="connectionString">The Npgsql connection string; its own pool size, if any, is replaced.</param>
    /// <param name="configureOptions">Binds or sets <see cref="BillingDatabaseOptions"/>; validated at start-up.</param>
    public static ISiloBuilder UseBillingPostgres(this ISiloBuilder builder, string connectionString, Action<OptionsBuilder<BillingDatabaseOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var services = builder.Services;
        var options = services.AddOptions<BillingDatabaseOptions>().ValidateOnStart();
        configureOptions?.Invoke(options);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BillingDatabaseOptions>, BillingDatabaseOptionsValidator>());
        services.AddKeyedSingleton(BillingStorage.Name, (provider, _) => CreateDataSource(
            connectionString, provider.GetRequiredService<IOptions<BillingDatabaseOptions>>().Value));

        services.AddGrainStorage(BillingStorage.Name, (provider, _) => new PostgresGrainStorage(
            new PostgresGrainStateTable(
                provider.GetRequiredKeyedService<NpgsqlDataSource>(BillingStorage.Name),
                provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId),
            // Orleans' own version-tolerant binary format for the [GenerateSerializer]/[Alias] state records:
            // compact, fast, and able to read what it wrote.
            new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()),
            provider.GetRequiredService<IActivatorProvider>(),
            provider.GetRequiredService<IOptions<BillingDatabaseOptions>>().Value));

        return builder
            .UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> clustering) => clustering
                .Configure<IServiceProvider>((clusteringOptions, provider) =>
                {
                    clusteringOptions.Invariant = AdoNetInvariant;
                    clusteringOptions.DataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(BillingStorage.Name);
                }))
            .UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> reminders) => reminders
                .Configure<IServiceProvider>((reminderOptions, provider) =>
                {
                    reminderOptions.Invariant = AdoNetInvariant;
                    reminderOptions.DataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(BillingStorage.Name);
                }));
    }

    /// <summary>The application name a silo's connections carry unless the connection string names one: <c>pg_stat_activity</c> shows it.</summary>
    public const string ApplicationName = "billing-silo";

    private static NpgsqlDataSource CreateDataSource(string connectionString, BillingDatabaseOptions options)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        dataSource.ConnectionStringBuilder.MaxPoolSize = options.MaxConnections;
        if (string.IsNullOrEmpty(dataSource.ConnectionStringBuilder.ApplicationName))
        {
            dataSource.ConnectionStringBuilder.ApplicationName = ApplicationName;
        }

        return dataSource.Build();
    }
}

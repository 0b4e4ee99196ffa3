using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Billing.Grains.Storage;

/// <summary>Puts a silo's clustering, billing grain state and reminders on one PostgreSQL database.</summary>
public static class BillingPostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql; Orleans' providers default to SQL Server without it.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>
    /// Configures ADO.NET clustering, the <see cref="BillingStorage.Name"/> grain storage and the ADO.NET
    /// reminder service on <paramref name="connectionString"/>. The database must hold the billing schema:
    /// run <see cref="BillingSchema.MigrateAsync"/> before the silo starts.
    /// </summary>
    public static ISiloBuilder UseBillingPostgres(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        return builder
            .UseAdoNetClustering((AdoNetClusteringSiloOptions options) =>
            {
                options.Invariant = AdoNetInvariant;
                options.ConnectionString = connectionString;
            })
            .AddAdoNetGrainStorage(BillingStorage.Name, (OptionsBuilder<AdoNetGrainStorageOptions> options) => options
                .Configure<Serializer>((storage, serializer) =>
                {
                    storage.Invariant = AdoNetInvariant;
                    storage.ConnectionString = connectionString;
                    // Orleans' own version-tolerant binary format for the [GenerateSerializer]/[Alias] state
                    // records: compact, fast, and able to read what it wrote (the default JSON serializer
                    // cannot read back dictionaries keyed by a month).
                    storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }))
            .UseAdoNetReminderService((AdoNetReminderTableOptions options) =>
            {
                options.Invariant = AdoNetInvariant;
                options.ConnectionString = connectionString;
            });
    }
}

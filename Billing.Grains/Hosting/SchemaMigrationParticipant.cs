using Billing.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Grains.Hosting;

/// <summary>
/// Brings the PostgreSQL schema up to date before anything in the silo touches the database: it runs at the
/// very first lifecycle stage, before clustering, storage and reminders start. Idempotent and serialized across
/// processes, so any number of silos may start together.
/// </summary>
internal sealed class SchemaMigrationParticipant(string connectionString, ILogger<SchemaMigrationParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.First,
            cancellationToken => BillingSchema.MigrateAsync(connectionString, logger, cancellationToken));
}

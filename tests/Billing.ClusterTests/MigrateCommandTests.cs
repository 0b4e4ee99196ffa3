using Billing.ClusterTests.Infrastructure;
using Billing.Grains.Storage;
using Billing.TestSupport.Postgres;
using Billing.TestSupport.Processes;

namespace Billing.ClusterTests;

/// <summary><c>Billing.Silo migrate</c> as an operator runs it, before silos that do not migrate on start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrate_EmptyDatabaseTwice_ReachesLatestVersionAndExitsZeroEachTime()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        foreach (var _ in Enumerable.Range(0, 2))
        {
            await using var migrate = AppProcess.Start(RepositoryPaths.SiloAssembly, "migrate", [new("ConnectionStrings:Billing", connectionString)], command: "migrate");
            Assert.Equal(0, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"schema at version {BillingSchema.LatestVersion}", migrate.Output, StringComparison.Ordinal);
        }

        Assert.Equal(BillingSchema.LatestVersion, await BillingSchema.CurrentVersionAsync(connectionString, CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_WithoutConnectionString_FailsNamingTheKey()
    {
        await using var migrate = AppProcess.Start(RepositoryPaths.SiloAssembly, "migrate", [], command: "migrate");

        Assert.Equal(2, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ConnectionStrings:Billing", migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_WithoutKafka_FailsNamingTheKey()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var silo = AppProcess.Start(RepositoryPaths.SiloAssembly, "silo", [new("ConnectionStrings:Billing", connectionString)]);

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Kafka:BootstrapServers", silo.Output, StringComparison.Ordinal);
    }
}

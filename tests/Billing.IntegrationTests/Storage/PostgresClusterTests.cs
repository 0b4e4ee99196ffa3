using System.Globalization;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;

namespace Billing.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Cluster_TwoSilosOnPostgres_SeeEachOtherThroughTheDatabase()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var cluster = await PostgresTestCluster.StartAsync(connectionString, "two-silos", silos: 2);
        await using var _ = cluster;

        await WaitUntilAsync(async () => await ActiveSilosAsync(connectionString) == 2, "both silos active in the membership table");
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        await WaitUntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "each silo to see two active silos");
        var hosts = await management.GetHosts(onlyActive: true);
        Assert.Equal(
            cluster.Silos.Select(silo => silo.SiloAddress).OrderBy(address => address.ToString(), StringComparer.Ordinal),
            hosts.Keys.OrderBy(address => address.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task GrainState_ClusterRestartedOnSameDatabase_IsReadBack()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var first = await PostgresTestCluster.StartAsync(connectionString, "state-survives", silos: 1);
        try
        {
            await first.Client.GetGrain<IStorageProbeGrain>("emma").WriteAsync("41.30");
            await first.StopAllSilosAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = await PostgresTestCluster.StartAsync(connectionString, "state-survives", silos: 1);
        await using var _ = second;

        Assert.Equal("41.30", await second.Client.GetGrain<IStorageProbeGrain>("emma").ReadAsync());
        var rows = await SqlReader.ReadColumnAsync(connectionString,
            "select state_name || ' ' || grain_key || ' v' || version::text from billing_grain_state where service_id = 'state-survives'");
        Assert.Equal(["probe emma v1"], rows);
    }

    [Fact]
    public async Task Reminder_RegisteredByGrain_IsStoredInDatabase()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var cluster = await PostgresTestCluster.StartAsync(connectionString, "reminders", silos: 1);
        await using var _ = cluster;

        await cluster.Client.GetGrain<IStorageProbeGrain>("olivia").RegisterReminderAsync("close-month");

        var rows = await SqlReader.ReadColumnAsync(connectionString,
            "select grainid || ' ' || remindername || ' ' || period::text from orleansreminderstable where serviceid = 'reminders'");
        var row = Assert.Single(rows);
        Assert.Contains("olivia", row, StringComparison.Ordinal);
        Assert.EndsWith(" close-month " + TimeSpan.FromHours(1).TotalMilliseconds.ToString(CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
    }


    private static async Task<int> ActiveSilosAsync(string connectionString)
    {
        // Status 3 is SiloStatus.Active.
        var rows = await SqlReader.ReadColumnAsync(connectionString, "select count(*)::text from orleansmembershiptable where status = 3");
        return int.Parse(rows[0], CultureInfo.InvariantCulture);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.UntilAsync(condition, Patience, () => Task.FromResult(what), TimeSpan.FromMilliseconds(200));
}

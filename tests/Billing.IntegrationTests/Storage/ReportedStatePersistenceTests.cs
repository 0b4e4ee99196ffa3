using Billing.Grains;
using Billing.Grains.Customers;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport.Postgres;
using Billing.Usage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Billing.IntegrationTests.Storage;

/// <summary>
/// The grains that silos and customers report to (the leaderboard, the directory) write their state behind;
/// after the cluster restarts on the same database they answer what was reported before, and merge new
/// reports into it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportedStatePersistenceTests(PostgresFixture postgres)
{
    private static readonly BillingMonth September = new(2026, 9);
    private static readonly BillingMonth October = new(2026, 10);
    private static readonly BillingMonth November = new(2026, 11);
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Leaderboard_ClusterRestartedOnSameDatabase_ListsWhatWasReportedAndMergesNewReports()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await WithClusterAsync(connectionString, "leaderboard-survives", grains => grains.GetGrain<ICustomerLeaderboardGrain>(0).ReportAsync(
            new StandingsReport(September, [
                new("Emma", November, 41.30m, Noon),
                new("Olivia", November, 1234567.89m, Noon),
                new("Ava", October, 0.01m, Noon)])));

        var cluster = await PostgresTestCluster.StartAsync(connectionString, "leaderboard-survives", silos: 1);
        await using var _ = cluster;
        var leaderboard = cluster.Client.GetGrain<ICustomerLeaderboardGrain>(0);

        Assert.Equal([October, November], await leaderboard.MonthsAsync());
        var top = (await leaderboard.GetTopAsync(null, 10))!;
        Assert.Equal(November, top.Month);
        Assert.Equal([new CustomerStanding("Olivia", November, 1234567.89m, Noon), new CustomerStanding("Emma", November, 41.30m, Noon)], top.Customers);

        // A silo reporting after the restart: October closed, Emma's total grew.
        await leaderboard.ReportAsync(new StandingsReport(October, [new("Emma", November, 50.00m, Noon.AddMinutes(1))]));

        Assert.Equal([November], await leaderboard.MonthsAsync());
        Assert.Equal(
            [new CustomerStanding("Olivia", November, 1234567.89m, Noon), new CustomerStanding("Emma", November, 50.00m, Noon.AddMinutes(1))],
            (await leaderboard.GetTopAsync(November, 10))!.Customers);
    }

    [Fact]
    public async Task Directory_ClusterRestartedOnSameDatabase_CountsTheReportedWindows()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await WithClusterAsync(connectionString, "directory-survives", async grains =>
        {
            await Report(grains, new CustomerMonths("Emma", [October, November], October));
            await Report(grains, new CustomerMonths("Olivia", [November], November));
            await Report(grains, new CustomerMonths("Ava", [], null));
        });

        var cluster = await PostgresTestCluster.StartAsync(connectionString, "directory-survives", silos: 1);
        await using var _ = cluster;
        var grains = cluster.Client;

        Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, 2)], await CustomerDirectory.CountOpenWindowsAsync(grains));
        Assert.Equal(["Ava", "Emma", "Olivia"], await CustomerDirectory.ListAsync(grains));
        await Report(grains, new CustomerMonths("Emma", [November], November));
        Assert.Equal([new OpenWindowCount(November, 2)], await CustomerDirectory.CountOpenWindowsAsync(grains));
    }

    [Fact]
    public async Task Directory_ShardWrittenBeforePages_MovesItsCustomersIntoPagesOnce()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var cluster = await PostgresTestCluster.StartAsync(connectionString, "directory-unpaged", silos: 1);
        await using (cluster)
        {
            // What a shard stored before it kept pages: every customer in one state of the shard.
            var shard = CustomerDirectory.ShardOf("Emma");
            var others = Enumerable.Range(0, 2_000).Select(i => $"customer-{i}").Where(customer => CustomerDirectory.ShardOf(customer) == shard).ToList();
            var unpaged = new CustomerDirectoryState { Customers = new(["Emma", .. others], StringComparer.Ordinal) };
            unpaged.OpenMonths["Emma"] = [October, November];
            unpaged.NextClosing["Emma"] = October;
            foreach (var customer in others)
            {
                unpaged.OpenMonths[customer] = [November];
            }

            var storage = ((InProcessSiloHandle)cluster.Silos[0]).ServiceProvider.GetRequiredKeyedService<IGrainStorage>(BillingStorage.Name);
            var shardId = cluster.Client.GetGrain<ICustomerDirectoryGrain>(shard).GetGrainId();
            await storage.WriteStateAsync("customer-directory-shard", shardId, new GrainState<CustomerDirectoryState>(unpaged));

            var directory = cluster.Client.GetGrain<ICustomerDirectoryGrain>(shard);
            Assert.Equal([new OpenWindowCount(October, 1), new OpenWindowCount(November, others.Count + 1)], await directory.CountOpenWindowsAsync());

            var left = new GrainState<CustomerDirectoryState>();
            await storage.ReadStateAsync("customer-directory-shard", shardId, left);
            Assert.False(left.RecordExists);
            await cluster.StopAllSilosAsync();
        }

        var restarted = await PostgresTestCluster.StartAsync(connectionString, "directory-unpaged", silos: 1);
        await using var _ = restarted;
        var shardAgain = restarted.Client.GetGrain<ICustomerDirectoryGrain>(CustomerDirectory.ShardOf("Emma"));
        Assert.Contains("Emma", await shardAgain.ListAsync());
        Assert.Equal(October, (await shardAgain.CountOpenWindowsAsync())[0].Month);
        Assert.Equal(1, (await shardAgain.CountOpenWindowsAsync())[0].Windows);
    }

    private static Task Report(IGrainFactory grains, CustomerMonths customer) =>
        grains.GetGrain<ICustomerDirectoryGrain>(CustomerDirectory.ShardOf(customer.Customer)).ReportAsync([customer]);

    /// <summary>Runs <paramref name="report"/> on a one-silo cluster, then stops it gracefully (grains deactivate and write).</summary>
    private static async Task WithClusterAsync(string connectionString, string serviceId, Func<IGrainFactory, Task> report)
    {
        var cluster = await PostgresTestCluster.StartAsync(connectionString, serviceId, silos: 1);
        try
        {
            await report(cluster.Client);
            await cluster.StopAllSilosAsync();
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}

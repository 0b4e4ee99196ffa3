using Billing.TestSupport.Postgres;
using Npgsql;

namespace Billing.IntegrationTests.Storage;

/// <summary>
/// The fixture itself. Each test owns its server, since it stops it. Sessions open when the server stops,
/// idle pooled ones included, are broken for good; these tests open new, unpooled ones.
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task PostgresServer_StoppedAndStarted_AcceptsNewConnectionsWithDataKept()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var connectionString = Unpooled(await server.CreateDatabaseAsync());
        await SqlCommands.ExecuteAsync(connectionString, "create table kept (value text); insert into kept values ('before restart')");

        await server.StopAsync();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SqlCommands.ExecuteAsync(connectionString, "select 1"));
        await server.StartAsync();

        Assert.Equal(["before restart"], await SqlReader.ReadColumnAsync(connectionString, "select value from kept"));
    }

    [Fact]
    public async Task PostgresServer_KilledAndStarted_RecoversCommittedData()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var connectionString = Unpooled(await server.CreateDatabaseAsync());
        await SqlCommands.ExecuteAsync(connectionString, "create table kept (value text); insert into kept values ('before crash')");

        await server.KillAsync();
        await server.StartAsync();

        Assert.Equal(["before crash"], await SqlReader.ReadColumnAsync(connectionString, "select value from kept"));
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}

using Billing.Grains.Storage;
using Billing.Grains.Storage.Internal;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Billing.IntegrationTests.Storage;

/// <summary>The batching grain storage on a real PostgreSQL: each caller's row, version and failure stay its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresFixture postgres) : IAsyncDisposable
{
    private const string StateName = "probe";

    private readonly ServiceProvider serialization = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(StorageProbeState).Assembly))
        .BuildServiceProvider();

    private readonly List<NpgsqlDataSource> dataSources = [];

    [Fact]
    public async Task ReadStateAsync_NothingStored_GivesANewStateWithoutETag()
    {
        var storage = await NewStorageAsync();
        var state = new GrainState<StorageProbeState>();

        await storage.ReadStateAsync(StateName, Probe("emma"), state);

        Assert.NotNull(state.State);
        Assert.Null(state.State!.Value);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_ThenRead_GivesTheValueAndEachWriteANewVersion()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var storage = NewStorage(connectionString);
        var state = new GrainState<StorageProbeState>(new StorageProbeState { Value = "41.30" });

        await storage.WriteStateAsync(StateName, Probe("emma"), state);
        Assert.Equal("1", state.ETag);
        state.State!.Value = "49.57";
        await storage.WriteStateAsync(StateName, Probe("emma"), state);
        Assert.Equal("2", state.ETag);

        var read = new GrainState<StorageProbeState>();
        await NewStorage(connectionString).ReadStateAsync(StateName, Probe("emma"), read);
        Assert.Equal("49.57", read.State!.Value);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(["test probe emma 2"], await SqlReader.ReadColumnAsync(connectionString,
            "select service_id || ' ' || state_name || ' ' || grain_key || ' ' || version::text from billing_grain_state"));
    }

    [Fact]
    public async Task WriteStateAsync_TwoActivationsFromOneVersion_TheSecondLosesAndTheFirstStays()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var storage = NewStorage(connectionString);
        await storage.WriteStateAsync(StateName, Probe("emma"), new GrainState<StorageProbeState>(new StorageProbeState { Value = "1.00" }));
        var first = new GrainState<StorageProbeState>();
        var second = new GrainState<StorageProbeState>();
        await storage.ReadStateAsync(StateName, Probe("emma"), first);
        await storage.ReadStateAsync(StateName, Probe("emma"), second);

        first.State!.Value = "2.00";
        await storage.WriteStateAsync(StateName, Probe("emma"), first);
        second.State!.Value = "3.00";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Probe("emma"), second));

        // A state that was never read must not be created over one that exists either.
        var blind = new GrainState<StorageProbeState>(new StorageProbeState { Value = "4.00" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Probe("emma"), blind));

        var read = new GrainState<StorageProbeState>();
        await storage.ReadStateAsync(StateName, Probe("emma"), read);
        Assert.Equal("2.00", read.State!.Value);
    }

    [Fact]
    public async Task WriteStateAsync_ThousandsOfGrainsAtOnce_EveryOneIsStoredWithItsOwnValue()
    {
        const int Grains = 3_000;
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var storage = NewStorage(connectionString);
        var states = Enumerable.Range(0, Grains)
            .Select(i => new GrainState<StorageProbeState>(new StorageProbeState { Value = $"value-{i}" }))
            .ToList();

        // Two rounds: inserts, then updates naming the version each got.
        await Task.WhenAll(states.Select((state, i) => storage.WriteStateAsync(StateName, Probe($"c{i}"), state)));
        states.ForEach(state => state.State!.Value += "-2");
        await Task.WhenAll(states.Select((state, i) => storage.WriteStateAsync(StateName, Probe($"c{i}"), state)));

        var reads = Enumerable.Range(0, Grains).Select(_ => new GrainState<StorageProbeState>()).ToList();
        await Task.WhenAll(reads.Select((state, i) => storage.ReadStateAsync(StateName, Probe($"c{i}"), state)));
        Assert.All(Enumerable.Range(0, Grains), i =>
        {
            Assert.Equal($"value-{i}-2", reads[i].State!.Value);
            Assert.Equal("2", reads[i].ETag);
        });
    }

    [Fact]
    public async Task WriteStateAsync_DatabaseDown_FailsEveryCallerAndStoresNothing()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var storage = NewStorage(connectionString);
        await SqlCommands.ExecuteAsync(connectionString, "alter table billing_grain_state rename to billing_grain_state_away");

        var writes = Enumerable.Range(0, 50).Select(i =>
            storage.WriteStateAsync(StateName, Probe($"c{i}"), new GrainState<StorageProbeState>(new StorageProbeState { Value = "x" }))).ToList();

        foreach (var write in writes)
        {
            await Assert.ThrowsAsync<PostgresException>(() => write);
        }

        await SqlCommands.ExecuteAsync(connectionString, "alter table billing_grain_state_away rename to billing_grain_state");
        Assert.Equal(["0"], await SqlReader.ReadColumnAsync(connectionString, "select count(*)::text from billing_grain_state"));
    }

    [Fact]
    public async Task ClearStateAsync_StoredState_IsGoneAndCanBeWrittenAgain()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        var storage = NewStorage(connectionString);
        var state = new GrainState<StorageProbeState>(new StorageProbeState { Value = "1.00" });
        await storage.WriteStateAsync(StateName, Probe("emma"), state);

        await storage.ClearStateAsync(StateName, Probe("emma"), state);

        Assert.Null(state.ETag);
        Assert.Equal(["0"], await SqlReader.ReadColumnAsync(connectionString, "select count(*)::text from billing_grain_state"));
        state.State!.Value = "2.00";
        await storage.WriteStateAsync(StateName, Probe("emma"), state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task MigrateAsync_StateInOrleansStorageTable_IsCopiedWithItsVersion()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await BillingSchema.MigrateAsync(connectionString, throughVersion: 5, CancellationToken.None);
        // Rows as Orleans' ADO.NET grain storage wrote them: the state name as grain type, the key as the
        // extension string (string keys) or in N1 (integer keys); a cleared state has no payload.
        await SqlCommands.ExecuteAsync(connectionString, """
            insert into orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
            values (1, 0, 0, 2, 'customer-usage', 'Emma', 'billing', '\x0102'::bytea, now(), 7),
                   (3, 0, 0, 4, 'customer-directory', null, 'billing', '\x03'::bytea, now(), 2),
                   (5, 0, 0, 6, 'customer-usage', 'Olivia', 'billing', null, now(), 3)
            """);

        await BillingSchema.MigrateAsync(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        Assert.Equal(
            ["billing customer-directory 0 2 \\x03", "billing customer-usage Emma 7 \\x0102"],
            await SqlReader.ReadColumnAsync(connectionString,
                "select service_id || ' ' || state_name || ' ' || grain_key || ' ' || version::text || ' ' || payload::text from billing_grain_state order by state_name"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await serialization.DisposeAsync();
    }

    private static GrainId Probe(string key) => GrainId.Create("probe", key);

    private async Task<PostgresGrainStorage> NewStorageAsync() => NewStorage(await postgres.Server.CreateMigratedDatabaseAsync());

    private PostgresGrainStorage NewStorage(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        dataSources.Add(dataSource);
        return new PostgresGrainStorage(
            new PostgresGrainStateTable(dataSource, "test"),
            new OrleansGrainStorageSerializer(serialization.GetRequiredService<Serializer>()),
            serialization.GetRequiredService<IActivatorProvider>(),
            new BillingDatabaseOptions { MaxBatchSize = 500 });
    }
}

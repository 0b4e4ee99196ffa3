using System.Globalization;
using Billing.Grains.Storage;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class BillingSchemaTests(PostgresFixture postgres)
{
    private static readonly string[] OrleansTables =
    [
        "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable",
    ];

    // Every key the Orleans 10.4.2 ADO.NET providers look up at start-up.
    private static readonly string[] RequiredQueries =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task CurrentVersionAsync_EmptyDatabase_IsZero()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        Assert.Equal(0, await BillingSchema.CurrentVersionAsync(connectionString, CancellationToken.None));
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_ReachesLatestVersionWithTablesAndQueries()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        await BillingSchema.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(7, BillingSchema.LatestVersion);
        Assert.Equal(BillingSchema.LatestVersion, await BillingSchema.CurrentVersionAsync(connectionString, CancellationToken.None));
        var versions = await SqlReader.ReadColumnAsync(connectionString, "select version::text || ' ' || description from billing_schema_version order by version");
        Assert.Equal(["1 orleans query", "2 clustering", "3 persistence", "4 reminders", "5 invoices", "6 grain state", "7 data protection keys"], versions);
        var tables = await SqlReader.ReadColumnAsync(connectionString, "select table_name::text from information_schema.tables where table_schema = 'public'");
        Assert.All(OrleansTables, table => Assert.Contains(table, tables));
        Assert.Contains("billing_invoices", tables);
        Assert.Contains("billing_grain_state", tables);
        Assert.Contains("billing_data_protection_keys", tables);
        Assert.Equal(["0"], await SqlReader.ReadColumnAsync(connectionString, "select last_number::text from billing_invoice_numbers"));
        var queries = await SqlReader.ReadColumnAsync(connectionString, "select querykey::text from orleansquery order by querykey");
        Assert.Equal(RequiredQueries.Order(StringComparer.Ordinal), queries);
    }

    [Fact]
    public async Task MigrateAsync_RunAgain_ChangesNothing()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await BillingSchema.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        var before = await SnapshotAsync(connectionString);

        await BillingSchema.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(before, await SnapshotAsync(connectionString));
    }

    [Fact]
    public async Task MigrateAsync_TwoConcurrentCalls_BothSucceedAndApplyEachScriptOnce()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        using var bothReady = new Barrier(2);

        // Each call on a thread of its own, released together, so both reach the first script at once.
        var first = Task.Run(() => MigrateTogetherAsync(connectionString, bothReady));
        var second = Task.Run(() => MigrateTogetherAsync(connectionString, bothReady));
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(60));

        var versions = await SqlReader.ReadColumnAsync(connectionString, "select version::text from billing_schema_version order by version");
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], versions);
        var queryCount = await SqlReader.ReadColumnAsync(connectionString, "select count(*)::text from orleansquery");
        Assert.Equal([RequiredQueries.Length.ToString(CultureInfo.InvariantCulture)], queryCount);
    }

    private static Task MigrateTogetherAsync(string connectionString, Barrier bothReady)
    {
        bothReady.SignalAndWait(TimeSpan.FromSeconds(30));
        return BillingSchema.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
    }

    /// <summary>What a second migration must not touch: the version records (with their times) and the queries.</summary>
    private static async Task<List<string>> SnapshotAsync(string connectionString)
    {
        var versions = await SqlReader.ReadColumnAsync(connectionString,
            "select version::text || ' ' || description || ' ' || applied_at::text from billing_schema_version order by version");
        var queries = await SqlReader.ReadColumnAsync(connectionString, "select querykey || md5(querytext) from orleansquery order by querykey");
        var routines = await SqlReader.ReadColumnAsync(connectionString,
            "select p.oid::text || ' ' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace " +
            "where n.nspname = 'public' order by p.oid");
        return [.. versions, .. queries, .. routines];
    }
}

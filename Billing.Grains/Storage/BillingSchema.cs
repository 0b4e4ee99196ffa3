using System.Diagnostics;
using Billing.Grains.Storage.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Billing.Grains.Storage;

/// <summary>
/// The billing PostgreSQL schema: the tables and named queries of Orleans' ADO.NET clustering, grain storage
/// and reminders, as versioned scripts embedded in this assembly (<c>Storage/Schema/NNN_description.sql</c>).
/// </summary>
/// <remarks>
/// Applied scripts are recorded in <c>billing_schema_version</c>. Each script runs in its own transaction
/// together with its record, so a script is either applied and recorded or neither. Every transaction first
/// takes a transaction-scoped advisory lock, so processes migrating one database at once take turns: the
/// second finds the first one's record and skips the script.
/// </remarks>
public static class BillingSchema
{
    /// <summary>Key of the advisory lock that serializes migrations ("BILLING" in ASCII).</summary>
    private const long MigrationLockKey = 0x42494C4C494E47;

    private const string CreateVersionTable = """
        create table if not exists billing_schema_version
        (
            version     integer     primary key,
            description text        not null,
            applied_at  timestamptz not null default now()
        )
        """;

    /// <summary>The version the newest script of this build brings the database to.</summary>
    public static int LatestVersion => SchemaScripts.All[^1].Version;

    /// <summary>
    /// Applies every script the database lacks, in version order, each once. Safe to call from several
    /// processes at once and again at every start: a database at <see cref="LatestVersion"/> is left alone.
    /// </summary>
    public static Task MigrateAsync(string connectionString, ILogger logger, CancellationToken ct) =>
        MigrateAsync(connectionString, logger, LatestVersion, ct);

    /// <summary>Applies the scripts up to <paramref name="throughVersion"/> only, as an older build would have.</summary>
    internal static Task MigrateAsync(string connectionString, int throughVersion, CancellationToken ct) =>
        MigrateAsync(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, throughVersion, ct);

    private static async Task MigrateAsync(string connectionString, ILogger logger, int throughVersion, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var appliedCount = 0;
        foreach (var script in SchemaScripts.All.Where(script => script.Version <= throughVersion))
        {
            if (await TryApplyAsync(connection, script, logger, ct))
            {
                appliedCount++;
            }
        }

        var current = await ReadVersionAsync(connection, ct);
        if (current > LatestVersion)
        {
            BillingSchemaLog.NewerThanKnown(logger, current, LatestVersion);
        }

        BillingSchemaLog.UpToDate(logger, current, appliedCount);
    }

    /// <summary>The highest schema version applied to the database; 0 when none is.</summary>
    public static async Task<int> CurrentVersionAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return await ReadVersionAsync(connection, ct);
    }

    private static async Task<bool> TryApplyAsync(NpgsqlConnection connection, SchemaScript script, ILogger logger, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, "select pg_advisory_xact_lock(@key)", ct, ("key", MigrationLockKey));
        await ExecuteAsync(connection, CreateVersionTable, ct);

        await using (var check = new NpgsqlCommand("select exists (select 1 from billing_schema_version where version = @version)", connection))
        {
            check.Parameters.AddWithValue("version", script.Version);
            if ((bool)(await check.ExecuteScalarAsync(ct))!)
            {
                await transaction.CommitAsync(ct);
                return false;
            }
        }

        BillingSchemaLog.Applying(logger, script.Version, script.Description);
        var stopwatch = Stopwatch.StartNew();
        await ExecuteAsync(connection, script.Sql, ct);
        await ExecuteAsync(connection,
            "insert into billing_schema_version (version, description) values (@version, @description)", ct,
            ("version", script.Version), ("description", script.Description));
        await transaction.CommitAsync(ct);
        BillingSchemaLog.Applied(logger, script.Version, script.Description, stopwatch.ElapsedMilliseconds);
        return true;
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // Two statements: a query naming a table that does not exist fails when planned, even in a branch
        // that would never run. to_regclass answers null instead of failing.
        await using (var exists = new NpgsqlCommand("select to_regclass('billing_schema_version') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("select coalesce(max(version), 0) from billing_schema_version", connection);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}

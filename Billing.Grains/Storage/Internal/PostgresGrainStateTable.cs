using Npgsql;
using NpgsqlTypes;

namespace Billing.Grains.Storage.Internal;

/// <summary>
/// The <c>billing_grain_state</c> table, read and written many grains at a time: one statement per batch,
/// whatever its size, so the cost per grain is a row, not a round trip and a transaction.
/// </summary>
internal sealed class PostgresGrainStateTable(NpgsqlDataSource dataSource, string serviceId)
{
    private const string ReadSql = """
        select i.ord, s.version, s.payload
        from unnest(@states, @keys) with ordinality as i(state_name, grain_key, ord)
        join billing_grain_state s
          on s.service_id = @service and s.state_name = i.state_name and s.grain_key = i.grain_key
        """;

    // Updates name the version they replace and inserts must find no row: a row that another activation wrote
    // meanwhile is left alone, and its absence from the answer tells that writer it lost.
    private const string WriteSql = """
        with input as (
            select * from unnest(@states, @keys, @expected, @payloads) with ordinality as i(state_name, grain_key, expected, payload, ord)
        ), updated as (
            update billing_grain_state s
            set payload = i.payload, version = s.version + 1, modified_at = now()
            from input i
            where s.service_id = @service and s.state_name = i.state_name and s.grain_key = i.grain_key
              and i.expected is not null and s.version = i.expected
            returning i.ord, s.version
        ), inserted as (
            insert into billing_grain_state (service_id, state_name, grain_key, version, payload)
            select @service, i.state_name, i.grain_key, 1, i.payload from input i where i.expected is null
            on conflict do nothing
            returning grain_key, state_name, version
        )
        select ord, version from updated
        union all
        select i.ord, n.version from inserted n join input i on i.state_name = n.state_name and i.grain_key = n.grain_key
        """;

    private const string DeleteSql = """
        delete from billing_grain_state
        where service_id = @service and state_name = @state and grain_key = @key and version = @expected
        """;

    /// <summary>The stored state of each key, in the order asked; null where none is stored.</summary>
    public async Task<StoredGrainState?[]> ReadAsync(IReadOnlyList<GrainStateKey> keys, CancellationToken cancellationToken)
    {
        var found = new StoredGrainState?[keys.Count];
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
        command.Parameters.Add(TextArray("states", keys.Select(key => key.StateName)));
        command.Parameters.Add(TextArray("keys", keys.Select(key => key.GrainKey)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0) - 1] = new StoredGrainState(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        return found;
    }

    /// <summary>
    /// Writes every state whose expected version still holds, in one statement. The keys must be distinct.
    /// </summary>
    /// <returns>Per write, in order, the new version; null where the expected version did not hold.</returns>
    public async Task<long?[]> WriteAsync(IReadOnlyList<GrainStateWrite> writes, CancellationToken cancellationToken)
    {
        var versions = new long?[writes.Count];
        await using var command = dataSource.CreateCommand(WriteSql);
        command.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
        command.Parameters.Add(TextArray("states", writes.Select(write => write.Key.StateName)));
        command.Parameters.Add(TextArray("keys", writes.Select(write => write.Key.GrainKey)));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("expected", [.. writes.Select(write => write.ExpectedVersion)])
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint,
        });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", [.. writes.Select(write => write.Payload)])
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetInt64(0) - 1] = reader.GetInt64(1);
        }

        return versions;
    }

    /// <returns>False when the expected version did not hold.</returns>
    public async Task<bool> DeleteAsync(GrainStateKey key, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeleteSql);
        command.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
        command.Parameters.Add(new NpgsqlParameter<string>("state", key.StateName));
        command.Parameters.Add(new NpgsqlParameter<string>("key", key.GrainKey));
        command.Parameters.Add(new NpgsqlParameter<long>("expected", expectedVersion));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static NpgsqlParameter<string[]> TextArray(string name, IEnumerable<string> values) =>
        new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}

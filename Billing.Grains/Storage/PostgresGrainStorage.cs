using System.Globalization;
using Billing.Grains.Storage.Internal;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Billing.Grains.Storage;

/// <summary>
/// Grain storage on PostgreSQL that writes many grains' states in one statement. Each read and write still
/// stands on its own for the grain (it awaits its own row, checked against its own version, so a write that
/// returns is durable and a lost race throws <see cref="InconsistentStateException"/>), but concurrent calls
/// share round trips: under load, a thousand grains writing at once cost one statement, not a thousand
/// transactions. See <see cref="GroupCommitQueue{TRequest, TResult}"/>.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private readonly PostgresGrainStateTable table;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider activators;
    private readonly GroupCommitQueue<GrainStateKey, StoredGrainState?> reads;
    private readonly GroupCommitQueue<GrainStateWrite, long?> writes;

    internal PostgresGrainStorage(PostgresGrainStateTable table, IGrainStorageSerializer serializer, IActivatorProvider activators, BillingDatabaseOptions options)
    {
        this.table = table;
        this.serializer = serializer;
        this.activators = activators;
        reads = new(keys => table.ReadAsync(keys, CancellationToken.None), key => key, options.MaxBatchSize, options.MaxConcurrentReads);
        writes = new(batch => table.WriteAsync(batch, CancellationToken.None), write => write.Key, options.MaxBatchSize, options.MaxConcurrentWrites);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await reads.EnqueueAsync(GrainStateKey.Of(stateName, grainId));
        grainState.State = stored is null ? activators.GetActivator<T>().Create() : serializer.Deserialize<T>(new BinaryData(stored.Payload));
        grainState.ETag = stored?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized here, on the grain's turn: the batch runs elsewhere, after the grain may have moved on.
        var key = GrainStateKey.Of(stateName, grainId);
        var write = new GrainStateWrite(key, ExpectedVersion(grainState.ETag), serializer.Serialize(grainState.State).ToArray());
        var version = await writes.EnqueueAsync(write)
            ?? throw new InconsistentStateException(
                $"The state {key} was written by another activation since this one read it.", "unknown", grainState.ETag ?? "none");
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        if (ExpectedVersion(grainState.ETag) is { } expected && !await table.DeleteAsync(key, expected, CancellationToken.None))
        {
            throw new InconsistentStateException($"The state {key} was written by another activation since this one read it.", "unknown", grainState.ETag!);
        }

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static long? ExpectedVersion(string? etag) =>
        etag is null ? null : long.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);
}

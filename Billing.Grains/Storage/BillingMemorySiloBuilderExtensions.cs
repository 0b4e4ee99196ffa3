using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Billing.Grains.Storage;

/// <summary>Keeps billing grain state in memory (embedded and external-Kafka modes).</summary>
public static class BillingMemorySiloBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="BillingStorage.Name"/> grain storage in memory, with Orleans' binary serializer as
    /// on PostgreSQL: the memory provider's default JSON serializer cannot read back state keyed by a month,
    /// so a customer grain could never be activated again after it was deactivated.
    /// </summary>
    public static ISiloBuilder AddBillingMemoryStorage(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMemoryGrainStorage(BillingStorage.Name, (OptionsBuilder<MemoryGrainStorageOptions> options) => options
            .Configure<Serializer>((storage, serializer) => storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
    }
}

using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>Makes one <see cref="StreamIndexedQueueCache"/> per queue (partition).</summary>
internal sealed class StreamIndexedQueueAdapterCache(int capacity, int maxItemsPerDelivery, ILogger? logger = null) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) => new StreamIndexedQueueCache(capacity, maxItemsPerDelivery, logger);
}

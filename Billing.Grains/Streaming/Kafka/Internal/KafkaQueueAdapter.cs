using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// The read side of a Kafka topic as Orleans queues. Records are produced to Kafka by any Kafka client, not
/// through Orleans streams, so the adapter is read-only.
/// </summary>
internal sealed class KafkaQueueAdapter(string name, Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException($"The Kafka stream provider '{name}' is read-only: produce records to Kafka instead.");
}

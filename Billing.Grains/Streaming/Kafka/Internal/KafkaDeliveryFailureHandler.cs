using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Called by the pulling agent of one queue when a consumer kept failing on a batch until
/// <c>MaxEventDeliveryTime</c>: the batch is dead-lettered, and the subscription keeps going.
/// </summary>
internal sealed class KafkaDeliveryFailureHandler(Func<KafkaQueueReceiver?> currentReceiver, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        if (currentReceiver() is { } receiver)
        {
            return receiver.DeadLetterUndeliverableAsync(streamIdentity, sequenceToken);
        }

        KafkaLog.UnknownDeliveryFailure(logger, streamIdentity.ToString(), sequenceToken?.ToString());
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        KafkaLog.SubscriptionFailed(logger, subscriptionId.ToString(), streamIdentity.ToString());
        return Task.CompletedTask;
    }
}

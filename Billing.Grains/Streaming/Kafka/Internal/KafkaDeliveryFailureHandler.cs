using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Called by a pulling agent when it stops retrying a delivery. The provider retries without a time limit,
/// so that only happens when the agent shuts down (or the consumer is a client that went away). Nothing is
/// dead-lettered: the records' slice stays open, their offsets are not committed, and they are read again by
/// whoever reads the partition next. Dead letters are for records that are bad in themselves.
/// </summary>
internal sealed class KafkaDeliveryFailureHandler(ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        KafkaLog.DeliveryAbandoned(logger, streamIdentity.ToString(), sequenceToken?.ToString());
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        KafkaLog.SubscriptionFailed(logger, subscriptionId.ToString(), streamIdentity.ToString());
        return Task.CompletedTask;
    }
}

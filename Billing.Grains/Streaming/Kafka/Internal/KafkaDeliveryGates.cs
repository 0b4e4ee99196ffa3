using System.Collections.Concurrent;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Bounds, per provider and silo, how many calls the pulling agents have in flight to stream consumers
/// (hand-shakes and deliveries). A pulling agent delivers to every stream with pending records at once: on a
/// cold start of 100,000 customers that is 100,000 grain activations, each reading its state, all started in
/// the same second; their calls time out in the activation queue and are retried, and memory fills with the
/// waiting. Behind the gate they queue in order, activations start at the pace storage serves them, and no
/// call's response time-out starts before it is sent.
/// </summary>
internal sealed class KafkaDeliveryGates
{
    private static readonly GrainType PullingAgentType = SystemTargetGrainId.CreateGrainType("stream.agent");

    // Orleans keeps the consumer side of a stream internal; its name is what the agents' calls carry.
    private static readonly Type? ConsumerExtension = typeof(IStreamProvider).Assembly.GetType("Orleans.Streams.IStreamConsumerExtension");

    private readonly ConcurrentDictionary<string, SemaphoreSlim> byProvider = new(StringComparer.Ordinal);

    // Which gate (if any) each pulling agent's calls wait at: found once per agent, not on every call.
    private readonly ConcurrentDictionary<GrainId, SemaphoreSlim?> byAgent = new();

    public void Register(string providerName, int maxConcurrentDeliveries) =>
        byProvider.TryAdd(providerName, new SemaphoreSlim(maxConcurrentDeliveries, maxConcurrentDeliveries));

    /// <summary>The gate of the provider whose pulling agent makes this call, or null for any other call.</summary>
    public SemaphoreSlim? For(IOutgoingGrainCallContext context)
    {
        if (context.SourceId is not { } source || !source.Type.Equals(PullingAgentType)
            || context.Request.GetInterfaceType() != ConsumerExtension)
        {
            return null;
        }

        return byAgent.GetOrAdd(source, FindGate);
    }

    private SemaphoreSlim? FindGate(GrainId agent)
    {
        // An agent's key is "<silo>+<provider>_<agent number>_<queue>".
        var key = agent.Key.ToString();
        foreach (var (provider, gate) in byProvider)
        {
            if (key.Contains($"+{provider}_", StringComparison.Ordinal))
            {
                return gate;
            }
        }

        return null;
    }
}

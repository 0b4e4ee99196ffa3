using Microsoft.Extensions.Logging;
using Orleans.Serialization.Invocation;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Watches the pulling agents' deliveries of this provider's containers (an outgoing call filter: the agent
/// retries a failed delivery inside Orleans, where the provider cannot see it otherwise). A failed attempt
/// is recorded against its partition, so that a stalled partition shows since when and why; a delivery an
/// operator ordered skipped is dead-lettered instead of attempted again. Calls of the agents to stream
/// consumers wait at their provider's gate (<see cref="KafkaDeliveryGates"/>). Every other call passes untouched.
/// </summary>
internal sealed class KafkaDeliveryObserver(KafkaDeliveryGates gates, ILogger<KafkaDeliveryObserver> logger) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (gates.For(context) is not { } gate)
        {
            await ObserveAsync(context);
            return;
        }

        await gate.WaitAsync();
        try
        {
            await ObserveAsync(context);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ObserveAsync(IOutgoingGrainCallContext context)
    {
        if (FindDelivery(context.Request) is not { Receiver: { } receiver } delivery)
        {
            await context.Invoke();
            return;
        }

        if (await receiver.TrySkipAsync(delivery))
        {
            // Handled as if delivered: the agent moves on, and the records' offsets count as handled.
            context.Result = null;
            return;
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            receiver.DeliveryFailed(delivery, exception);
            throw;
        }

        receiver.Delivered(delivery);
        if (context.Result is { } token)
        {
            // The consumer's subscription expected another position (a retried delivery it had already taken,
            // or a gap): the agent moves its cursor to the token.
            KafkaLog.DeliveryRefused(logger, delivery.StreamId.ToString(), delivery.Items.Count, delivery.Sources.Count > 0 ? delivery.Sources[0].Partition : -1, delivery.Offsets[0], token.ToString() ?? "");
        }
    }

    private static KafkaBatchContainer? FindDelivery(IInvokable request)
    {
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            if (request.GetArgument(i) is KafkaBatchContainer container)
            {
                return container;
            }
        }

        return null;
    }
}

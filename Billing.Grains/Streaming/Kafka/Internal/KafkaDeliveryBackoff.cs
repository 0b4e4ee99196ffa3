using Orleans.Runtime.Providers;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// How long the pulling agent waits before it retries a failed delivery: doubling from
/// <see cref="KafkaStreamOptions.DeliveryRetryMinDelay"/> up to <see cref="KafkaStreamOptions.DeliveryRetryMaxDelay"/>,
/// for as long as it takes (the provider never gives a valid record up on a timer).
/// </summary>
internal sealed class KafkaDeliveryBackoff(TimeSpan minDelay, TimeSpan maxDelay) : IMessageDeliveryBackoffProvider
{
    /// <param name="attempt">The failed attempt, 0 for the first.</param>
    public TimeSpan Next(int attempt) =>
        attempt >= 30 ? maxDelay : TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, minDelay.Ticks << attempt));
}

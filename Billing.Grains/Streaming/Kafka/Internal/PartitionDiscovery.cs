using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>Asks the brokers how many partitions the topic has: the provider makes one queue per partition.</summary>
internal static class PartitionDiscovery
{
    public static async Task<int> GetPartitionCountAsync(KafkaStreamOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options)).Build();
        var deadline = DateTime.UtcNow + options.MetadataTimeout;
        var lastError = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var metadata = admin.GetMetadata(options.Topic, TimeSpan.FromSeconds(5));
                var topic = metadata.Topics.SingleOrDefault(t => t.Topic == options.Topic);
                if (topic is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    return topic.Partitions.Count;
                }

                lastError = topic?.Error.Reason ?? "topic missing from metadata";
            }
            catch (KafkaException exception)
            {
                lastError = exception.Error.Reason;
            }

            KafkaLog.MetadataRetry(logger, options.Topic, options.BootstrapServers, lastError);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"Kafka topic '{options.Topic}' (Kafka:Topic) has no readable partitions at '{options.BootstrapServers}' " +
            $"(Kafka:BootstrapServers) after {options.MetadataTimeout}: {lastError}.");
    }
}

using Microsoft.Extensions.Options;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>Checks <see cref="KafkaStreamOptions"/> at start-up; a failure names the configuration key.</summary>
internal sealed class KafkaStreamOptionsValidator : IValidateOptions<KafkaStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaStreamOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add("Kafka:BootstrapServers is required (host:port[,host:port...]).");
        }

        if (string.IsNullOrWhiteSpace(options.Topic))
        {
            failures.Add("Kafka:Topic must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.DeadLetterTopic))
        {
            failures.Add("Kafka:DeadLetterTopic must not be empty.");
        }
        else if (string.Equals(options.DeadLetterTopic, options.Topic, StringComparison.Ordinal))
        {
            failures.Add("Kafka:DeadLetterTopic must differ from Kafka:Topic.");
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            failures.Add("Kafka:ConsumerGroup must not be empty.");
        }

        if (options.MaxRecordsPerPoll < 1)
        {
            failures.Add($"Kafka:MaxRecordsPerPoll must be at least 1 (was {options.MaxRecordsPerPoll}).");
        }

        if (options.PollLinger < TimeSpan.Zero || options.PollLinger > TimeSpan.FromSeconds(10))
        {
            failures.Add($"Kafka:PollLinger must be between 0 and 10 seconds (was {options.PollLinger}).");
        }

        if (options.DeliveryRetryMinDelay <= TimeSpan.Zero)
        {
            failures.Add($"Kafka:DeliveryRetryMinDelay must be positive (was {options.DeliveryRetryMinDelay}).");
        }

        if (options.DeliveryRetryMaxDelay < options.DeliveryRetryMinDelay)
        {
            failures.Add($"Kafka:DeliveryRetryMaxDelay must be at least Kafka:DeliveryRetryMinDelay (was {options.DeliveryRetryMaxDelay}).");
        }

        if (options.MaxItemsPerDelivery < 1)
        {
            failures.Add($"Kafka:MaxItemsPerDelivery must be at least 1 (was {options.MaxItemsPerDelivery}).");
        }

        if (options.MaxConcurrentDeliveries < 1)
        {
            failures.Add($"Kafka:MaxConcurrentDeliveries must be at least 1 (was {options.MaxConcurrentDeliveries}).");
        }

        if (options.CacheSize < 1)
        {
            failures.Add($"Kafka:CacheSize must be at least 1 (was {options.CacheSize}).");
        }

        AddIfNotPositive(failures, "Kafka:CommitInterval", options.CommitInterval);
        AddIfNotPositive(failures, "Kafka:MetadataTimeout", options.MetadataTimeout);
        AddIfNotPositive(failures, "Kafka:DeadLetterRetryDelay", options.DeadLetterRetryDelay);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfNotPositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive time span (was {value}).");
        }
    }
}

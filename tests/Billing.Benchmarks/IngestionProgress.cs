using System.Diagnostics;
using Billing.Grains;
using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>Watches the consumer group's commits (made only once state is written) and reads the grains back.</summary>
internal static class IngestionProgress
{
    public static async Task<TimeSpan> WaitUntilCommittedAsync(
        string bootstrapServers, string consumerGroup, string topic, int partitions, int records, Stopwatch clock, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = consumerGroup,
            EnableAutoCommit = false,
        }).Build();
        var topicPartitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        while (clock.Elapsed < timeout)
        {
            var committed = consumer.Committed(topicPartitions, TimeSpan.FromSeconds(5)).Sum(c => Math.Max(0, c.Offset.Value));
            if (committed >= records)
            {
                return clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        throw new TimeoutException($"Not every record was committed within {timeout}.");
    }

    public static async Task<decimal> SumCustomerTotalsAsync(IGrainFactory grains)
    {
        var total = 0m;
        foreach (var customer in await CustomerDirectory.ListAsync(grains))
        {
            var usage = await grains.GetGrain<ICustomerGrain>(customer).GetUsageAsync();
            total += usage?.OpenMonths.Sum(month => month.Total) ?? 0m;
        }

        return total;
    }
}

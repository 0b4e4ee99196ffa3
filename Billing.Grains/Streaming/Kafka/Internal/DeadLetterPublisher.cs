using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Writes records to the dead-letter topic with their reason and origin in headers, retrying with back-off
/// until the broker acknowledges: the record's offset must not be committed before its dead letter is durable.
/// </summary>
internal sealed class DeadLetterPublisher : IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly KafkaStreamOptions options;
    private readonly KafkaStreamMetrics metrics;
    private readonly ILogger logger;
    private readonly Lazy<IProducer<byte[]?, byte[]?>> producer;

    public DeadLetterPublisher(KafkaStreamOptions options, KafkaStreamMetrics metrics, ILogger logger)
    {
        this.options = options;
        this.metrics = metrics;
        this.logger = logger;
        producer = new Lazy<IProducer<byte[]?, byte[]?>>(
            () => new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.DeadLetterProducer(options)).Build());
    }

    /// <summary>Writes <paramref name="record"/> to the dead-letter topic; completes once the broker has it.</summary>
    public async Task PublishAsync(KafkaRecord record, string reason, string detail, CancellationToken cancellationToken)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Key,
            Value = record.Value,
            Headers = BuildHeaders(record, reason, detail),
        };

        var delay = options.DeadLetterRetryDelay;
        while (true)
        {
            try
            {
                await producer.Value.ProduceAsync(options.DeadLetterTopic, message, cancellationToken).ConfigureAwait(false);
                metrics.RecordDeadLettered(options.Topic, record.Partition, reason);
                return;
            }
            catch (Exception exception) when (exception is ProduceException<byte[]?, byte[]?> or KafkaException
                                              && !cancellationToken.IsCancellationRequested)
            {
                KafkaLog.DeadLetterRetry(logger, exception, record.Partition, record.Offset, options.DeadLetterTopic, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private Headers BuildHeaders(KafkaRecord record, string reason, string detail)
    {
        var headers = new Headers();
        if (record.Headers is not null)
        {
            foreach (var header in record.Headers)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(KafkaDeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason));
        headers.Add(KafkaDeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(detail));
        headers.Add(KafkaDeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(options.Topic));
        headers.Add(KafkaDeadLetterHeaders.SourcePartition, Ascii(record.Partition));
        headers.Add(KafkaDeadLetterHeaders.SourceOffset, Ascii(record.Offset));
        return headers;
    }

    private static byte[] Ascii(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (producer.IsValueCreated)
        {
            producer.Value.Flush(TimeSpan.FromSeconds(10));
            producer.Value.Dispose();
        }
    }
}

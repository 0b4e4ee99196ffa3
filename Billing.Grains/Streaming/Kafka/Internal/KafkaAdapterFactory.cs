using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Creates the parts of the Kafka stream provider: one queue per partition of the topic (found at start-up),
/// a receiver per queue, a queue cache indexed by stream, and a failure handler.
/// </summary>
internal sealed class KafkaAdapterFactory(
    string name,
    KafkaStreamOptions options,
    IKafkaRecordMapper mapper,
    DeadLetterPublisher deadLetters,
    KafkaStreamMetrics metrics,
    KafkaDeliveryProgress deliveryProgress,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IQueueAdapterFactory
{
    private readonly ILogger logger = loggerFactory.CreateLogger($"Billing.Grains.Streaming.Kafka.{name}");
    private readonly KafkaDeliveryBackoff backoff = new(options.DeliveryRetryMinDelay, options.DeliveryRetryMaxDelay);
    private readonly Lock gate = new();
    private HashRingBasedStreamQueueMapper? queueMapper;
    private IQueueAdapterCache? cache;

    public static KafkaAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name);
        services.GetRequiredService<KafkaDeliveryGates>().Register(name, options.MaxConcurrentDeliveries);
        var mapper = services.GetKeyedService<IKafkaRecordMapper>(name)
            ?? services.GetService<IKafkaRecordMapper>()
            ?? throw new InvalidOperationException(
                $"The Kafka stream provider '{name}' needs an {nameof(IKafkaRecordMapper)}: register one keyed by its name.");
        return new KafkaAdapterFactory(
            name,
            options,
            mapper,
            services.GetRequiredKeyedService<DeadLetterPublisher>(name),
            services.GetRequiredService<KafkaStreamMetrics>(),
            services.GetRequiredService<KafkaDeliveryProgress>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>());
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        var partitions = await PartitionDiscovery.GetPartitionCountAsync(options, logger, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            queueMapper ??= NewQueueMapper(partitions);
        }

        deliveryProgress.SetPartitionCount(options.Topic, partitions);
        KafkaLog.ProviderStarted(logger, name, options.Topic, partitions, options.ConsumerGroup);
        return new KafkaQueueAdapter(name, CreateReceiver);
    }

    public IQueueAdapterCache GetQueueAdapterCache()
    {
        lock (gate)
        {
            return cache ??= new StreamIndexedQueueAdapterCache(options.CacheSize, options.MaxItemsPerDelivery, logger);
        }
    }

    /// <summary>The back-off between attempts of a failed delivery, shared with the receivers' log lines.</summary>
    public KafkaDeliveryBackoff Backoff => backoff;

    public IStreamQueueMapper GetStreamQueueMapper()
    {
        lock (gate)
        {
            return queueMapper ?? throw new InvalidOperationException(
                $"The Kafka stream provider '{name}' has not read the partitions of '{options.Topic}' yet.");
        }
    }

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KafkaDeliveryFailureHandler(logger));

    private KafkaQueueReceiver CreateReceiver(QueueId queueId)
    {
        // The mapper numbers queues 0..n-1 in partition order.
        var partition = (int)queueId.GetNumericId();
        return new KafkaQueueReceiver(options, partition, mapper, deadLetters, metrics, deliveryProgress, backoff, time, logger);
    }

    private HashRingBasedStreamQueueMapper NewQueueMapper(int partitions) =>
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = partitions }, name);
}

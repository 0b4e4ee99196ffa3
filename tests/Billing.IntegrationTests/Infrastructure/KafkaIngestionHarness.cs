using System.Text;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.Grains.Ingestion;
using Billing.Grains.Storage;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Time;
using Billing.Records;
using Billing.TestSupport;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>
/// An embedded Kafka broker with the billing topics and an in-process Orleans cluster whose silos read them
/// with the Kafka stream provider into probe grains. One per test: each gets fresh topics and offsets.
/// </summary>
public sealed class KafkaIngestionHarness : IAsyncDisposable
{
    public const int Partitions = 8;
    public const string Topic = "billableevents.incoming";
    public const string DeadLetterTopic = "billableevents.deadletter";
    public const string ConsumerGroup = "billing";

    private KafkaIngestionHarness(EmbeddedKafkaBroker broker, InProcessTestCluster cluster, DeliveryProbe probe)
    {
        Broker = broker;
        Cluster = cluster;
        Probe = probe;
    }

    public EmbeddedKafkaBroker Broker { get; }

    public InProcessTestCluster Cluster { get; }

    public DeliveryProbe Probe { get; }

    /// <param name="silos">How many silos the cluster has.</param>
    /// <param name="configureSilo">More for every silo, such as a fault to inject.</param>
    public static async Task<KafkaIngestionHarness> StartAsync(short silos = 1, Action<ISiloBuilder>? configureSilo = null)
    {
        var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(Partitions, Topic, DeadLetterTopic));
        var probe = new DeliveryProbe();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSiloHost((_, host) => host.Services.AddSingleton(probe));
        // The test events are fixed dates in November 2026: judge them at a processing time that stands still.
        builder.ConfigureSiloHost((_, host) => host.Services.AddSingleton<IProcessingClock>(new PinnedProcessingClock(PinnedProcessingClock.EventSetsNow)));
        // The billing grains subscribe to the same streams as the probes; they need their storage and services.
        var invoices = Directory.CreateTempSubdirectory("billing-harness-invoices-").FullName;
        var billing = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:InvoiceDirectory"] = invoices })
            .Build();
        builder.ConfigureSilo((_, silo) => silo.AddBillingMemoryStorage().AddBillingClosing(billing, BillingMode.ExternalKafka, new RecordCodecOptions()));
        builder.ConfigureSilo((_, silo) => silo.AddBillingIngestion(
            kafka => kafka.Configure(options =>
            {
                options.BootstrapServers = broker.BootstrapServers;
                options.Topic = Topic;
                options.DeadLetterTopic = DeadLetterTopic;
                options.ConsumerGroup = ConsumerGroup;
                options.CommitInterval = TimeSpan.FromMilliseconds(100);
                // Quick retries so that the failure-path tests see several attempts in a second or two.
                options.DeliveryRetryMinDelay = TimeSpan.FromMilliseconds(50);
                options.DeliveryRetryMaxDelay = TimeSpan.FromMilliseconds(400);
            })));
        if (configureSilo is not null)
        {
            builder.ConfigureSilo((_, silo) => configureSilo(silo));
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new KafkaIngestionHarness(broker, cluster, probe);
    }

    /// <summary>Produces <paramref name="records"/> to their partitions and waits until the broker has them all.</summary>
    public async Task ProduceAsync(IEnumerable<TestRecord> records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build();
        var deliveries = records.Select(record => producer.ProduceAsync(
            new TopicPartition(Topic, new Partition(record.Partition)),
            new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value }));
        await Task.WhenAll(deliveries);
    }

    /// <summary>Reads the dead-letter topic until <paramref name="expected"/> records arrived (bounded by a time-out).</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> ReadDeadLetters(int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            GroupId = "dead-letter-reader",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions)
            .Select(p => new TopicPartitionOffset(DeadLetterTopic, p, Offset.Beginning)));
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                results.Add(result);
            }
        }

        // Anything beyond the expected count would be a duplicate dead letter: read on briefly to catch it.
        while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } extra)
        {
            results.Add(extra);
        }

        return results;
    }

    /// <summary>The offsets committed by the provider's consumer group, per partition (-1: none).</summary>
    public long[] CommittedOffsets()
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            GroupId = ConsumerGroup,
        }).Build();
        var committed = consumer.Committed(
            Enumerable.Range(0, Partitions).Select(p => new TopicPartition(Topic, p)), TimeSpan.FromSeconds(10));
        return [.. committed.OrderBy(c => c.Partition.Value).Select(c => c.Offset.Value)];
    }

    /// <summary>
    /// Waits until the committed offset of every partition reaches <paramref name="ends"/>; a partition whose end
    /// is 0 has no record, and no commit either.
    /// </summary>
    public async Task WaitForCommitsAsync(long[] ends, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long[] committed;
        while (!(committed = CommittedOffsets()).Zip(ends).All(pair => pair.First == pair.Second || (pair.Second == 0 && pair.First < 0)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Committed offsets [{string.Join(", ", committed)}] did not reach [{string.Join(", ", ends)}] within {timeout}.");
            }

            // Commits happen every CommitInterval (100 ms here): poll the group at that pace.
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>What the silo reading <paramref name="partition"/> knows of its delivery, or null while no silo reads it.</summary>
    public KafkaPartitionDelivery? Delivery(int partition) =>
        Cluster.Silos
            .SelectMany(silo => silo.ServiceProvider.GetRequiredService<KafkaDeliveryProgress>().Read(Topic))
            .FirstOrDefault(delivery => delivery.Partition == partition);

    /// <summary>Orders the failing delivery of <paramref name="partition"/> from <paramref name="firstOffset"/> skipped, on whichever silo reads it.</summary>
    public bool OrderSkip(int partition, long firstOffset) =>
        Cluster.Silos.Any(silo => silo.ServiceProvider.GetRequiredService<KafkaDeliveryProgress>().OrderSkip(Topic, partition, firstOffset));

    /// <summary>Partitions whose queues the given silo reads right now.</summary>
    public static IReadOnlyCollection<int> PartitionsReadBy(InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<KafkaDeliveryProgress>().TrackedPartitions(Topic);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Broker.Dispose();
    }

    public static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);
}

using System.Net;
using System.Runtime.InteropServices;
using Billing.Grains.EmbeddedKafka.Internal;
using KafkaErrorCode = Confluent.Kafka.ErrorCode;

namespace Billing.Grains.EmbeddedKafka;

/// <summary>
/// An in-process Kafka-protocol broker: librdkafka's mock cluster, listening on loopback TCP ports only (unless
/// <see cref="EmbeddedKafkaBrokerOptions.ExternalListener"/> relays one beyond), with any number of brokers,
/// consumer groups and offset commits. Everything is in memory, and each partition keeps
/// a bounded log (about 5 MiB or 100,000 produce batches; older batches are dropped and the low watermark moves).
/// Made for the embedded mode and for tests; production uses Apache Kafka.
/// </summary>
/// <remarks>
/// Dispose the Kafka clients that use the broker first. Disposing the broker while clients are still connected
/// is safe (their connections are closed and they keep retrying until disposed), but they log connection errors
/// and anything they have not delivered is lost.
/// </remarks>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    /// <summary>The broker id that <see cref="SetPartitionLeader"/> takes to leave a partition without a leader.</summary>
    public const int NoLeader = -1;

    private readonly MockClusterHandle cluster;
    private TcpRelay? relay;

    private EmbeddedKafkaBroker(MockClusterHandle cluster, int brokerCount)
    {
        this.cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(cluster))
            ?? throw new EmbeddedKafkaException("rd_kafka_mock_cluster_bootstraps returned no address.");
    }

    /// <summary>Comma-separated <c>host:port</c> of every broker, all on 127.0.0.1, e.g. <c>127.0.0.1:38765</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// <c>host:port</c> that clients elsewhere connect to when <see cref="EmbeddedKafkaBrokerOptions.ExternalListener"/>
    /// is set (the broker then advertises it in its metadata to every client, local ones included); else null.
    /// </summary>
    public string? ExternalBootstrapServers { get; private set; }

    /// <summary>Number of brokers; their ids are 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts the brokers on free loopback ports and creates <see cref="EmbeddedKafkaBrokerOptions.Topics"/>.</summary>
    public static EmbeddedKafkaBroker Start(EmbeddedKafkaBrokerOptions options)
    {
        EmbeddedKafkaBrokerOptionsValidator.Validate(options);

        var broker = new EmbeddedKafkaBroker(MockClusterHandle.Create(options.BrokerCount), options.BrokerCount);
        try
        {
            broker.EnsureLoopbackOnly();
            if (options.ExternalListener is { } external)
            {
                broker.Expose(external);
            }

            foreach (var topic in options.Topics)
            {
                broker.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor);
            }

            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>Creates a topic; throws <see cref="EmbeddedKafkaException"/> if librdkafka refuses, e.g. when it exists.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        EmbeddedKafkaBrokerOptionsValidator.ValidateTopic(topic, partitions, replicationFactor, BrokerCount);
        ThrowIfDisposed();
        Check(
            LibRdKafka.MockTopicCreate(cluster, topic, partitions, replicationFactor),
            $"Creating topic '{topic}' with {partitions} partition(s) and replication factor {replicationFactor}");
    }

    /// <summary>
    /// Closes the broker's connections and refuses new ones, keeping its port. Leadership does not move:
    /// requests for partitions it leads fail until <see cref="SetBrokerUp"/> or <see cref="SetPartitionLeader"/>.
    /// </summary>
    public void SetBrokerDown(int brokerId)
    {
        ValidateBrokerId(brokerId);
        ThrowIfDisposed();
        Check(LibRdKafka.MockBrokerSetDown(cluster, brokerId), $"Setting broker {brokerId} down");
    }

    /// <summary>Makes the broker accept connections again on the same port.</summary>
    public void SetBrokerUp(int brokerId)
    {
        ValidateBrokerId(brokerId);
        ThrowIfDisposed();
        Check(LibRdKafka.MockBrokerSetUp(cluster, brokerId), $"Setting broker {brokerId} up");
    }

    /// <summary>
    /// Moves a partition's leadership to <paramref name="brokerId"/>, or <see cref="NoLeader"/>. Clients see it in
    /// their next metadata. Careful: librdkafka auto-creates an unknown topic here, with partition + 1 partitions.
    /// </summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        EmbeddedKafkaBrokerOptionsValidator.ValidateTopicName(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        if (brokerId != NoLeader)
        {
            ValidateBrokerId(brokerId);
        }

        ThrowIfDisposed();
        Check(
            LibRdKafka.MockPartitionSetLeader(cluster, topic, partition, brokerId),
            $"Setting the leader of '{topic}' [{partition}] to broker {brokerId}");
    }

    /// <summary>Stops the brokers and frees the cluster; safe to call more than once.</summary>
    public void Dispose()
    {
        relay?.Dispose();
        cluster.Dispose();
    }

    private static void Check(int error, string action)
    {
        if (error != 0)
        {
            throw new EmbeddedKafkaException(
                $"{action} failed: librdkafka error {(KafkaErrorCode)error} ({error}): {LibRdKafka.Describe(error)}",
                (KafkaErrorCode)error);
        }
    }

    // librdkafka would answer BROKER_NOT_AVAILABLE; an argument error says which ids exist.
    private void ValidateBrokerId(int brokerId)
    {
        if (brokerId < 1 || brokerId > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"Broker ids run from 1 to {BrokerCount}.");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(cluster.IsClosed, this);

    // Brokers are told where clients must connect in metadata, so the relay alone is not enough: broker 1 also
    // advertises the relay's host and port, and every client, once bootstrapped, connects through the relay.
    private void Expose(EmbeddedKafkaExternalListener external)
    {
        var loopback = IPEndPoint.Parse(BootstrapServers);
        relay = TcpRelay.Start(external.Bind, loopback);
        var port = relay.LocalEndPoint.Port;
        LibRdKafka.MockBrokerSetHostPort(cluster, 1, external.AdvertisedHost, port);
        ExternalBootstrapServers = $"{external.AdvertisedHost}:{port}";
    }

    // librdkafka binds its mock listeners to INADDR_LOOPBACK today; this keeps a future change from silently
    // exposing an unauthenticated broker to the network.
    private void EnsureLoopbackOnly()
    {
        foreach (var server in BootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPEndPoint.TryParse(server, out var endpoint) || !IPAddress.IsLoopback(endpoint.Address))
            {
                throw new EmbeddedKafkaException($"The mock cluster listens on '{server}', which is not a loopback address.");
            }
        }
    }
}

using System.Runtime.InteropServices;

namespace Billing.Grains.EmbeddedKafka.Internal;

/// <summary>
/// Owns a mock cluster together with the <c>rd_kafka_t</c> handle it was created on, because the cluster must be
/// destroyed before that handle: one owner keeps the order right in <c>Dispose</c> and in the finalizer alike.
/// As a <see cref="SafeHandle"/> it also keeps a native call that races with <c>Dispose</c> from using freed memory.
/// </summary>
internal sealed class MockClusterHandle : SafeHandle
{
    private readonly nint client;

    private MockClusterHandle(nint cluster, nint client)
        : base(0, ownsHandle: true)
    {
        SetHandle(cluster);
        this.client = client;
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Creates an <c>rd_kafka_t</c> and a mock cluster with <paramref name="brokerCount"/> brokers on it.</summary>
    public static MockClusterHandle Create(int brokerCount)
    {
        var client = NewClient();
        var cluster = LibRdKafka.MockClusterNew(client, brokerCount);
        if (cluster == 0)
        {
            LibRdKafka.Destroy(client);
            throw new EmbeddedKafkaException(
                $"rd_kafka_mock_cluster_new({brokerCount}) failed: could not open a listener on the loopback interface.");
        }

        return new MockClusterHandle(cluster, client);
    }

    protected override bool ReleaseHandle()
    {
        // Closes the listeners and every client connection, then joins the mock thread.
        LibRdKafka.MockClusterDestroy(handle);
        LibRdKafka.Destroy(client);
        return true;
    }

    private static nint NewClient()
    {
        var errstr = new byte[512];
        var conf = LibRdKafka.ConfNew();

        // The hosting handle has no bootstrap servers on purpose; keep its "no brokers configured" notice quiet.
        if (LibRdKafka.ConfSet(conf, "log_level", "3", errstr, (nuint)errstr.Length) != LibRdKafka.ConfOk)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new EmbeddedKafkaException($"rd_kafka_conf_set failed: {LibRdKafka.ReadErrorBuffer(errstr)}");
        }

        // rd_kafka_new takes ownership of conf only when it succeeds.
        var client = LibRdKafka.New(LibRdKafka.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (client == 0)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new EmbeddedKafkaException($"rd_kafka_new failed: {LibRdKafka.ReadErrorBuffer(errstr)}");
        }

        return client;
    }
}

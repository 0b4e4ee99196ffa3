using System.Runtime.InteropServices;

namespace Billing.Grains.EmbeddedKafka.Internal;

/// <summary>
/// The slice of librdkafka's C API that drives a mock cluster. Pointers stay <see cref="nint"/>:
/// strings the library returns are <c>const char*</c> it owns, so a string marshaller must never free them.
/// </summary>
internal static partial class LibRdKafka
{
    /// <summary>The logical name the resolver maps to the file that loads on this machine.</summary>
    public const string LibraryName = "librdkafka";

    /// <summary><c>RD_KAFKA_PRODUCER</c>: the handle only hosts the mock cluster and never produces.</summary>
    public const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    public const int ConfOk = 0;

    static LibRdKafka() => LibRdKafkaResolver.Register();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_new")]
    public static partial nint ConfNew();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(nint conf);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(nint conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_new")]
    public static partial nint New(int type, nint conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(nint rk);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_err2str")]
    public static partial nint ErrToStr(int err);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial nint MockClusterNew(nint rk, int brokerCount);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(nint cluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial nint MockClusterBootstraps(MockClusterHandle cluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(MockClusterHandle cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_down")]
    public static partial int MockBrokerSetDown(MockClusterHandle cluster, int brokerId);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_up")]
    public static partial int MockBrokerSetUp(MockClusterHandle cluster, int brokerId);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockPartitionSetLeader(MockClusterHandle cluster, string topic, int partition, int brokerId);

    /// <summary>Changes the host and port a broker advertises in metadata; its listener stays where it is.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_host_port", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void MockBrokerSetHostPort(MockClusterHandle cluster, int brokerId, string host, int port);

    /// <summary>librdkafka's own text for an error code (a static string).</summary>
    public static string Describe(int err) => Marshal.PtrToStringUTF8(ErrToStr(err)) ?? "unknown error";

    /// <summary>The NUL-terminated text librdkafka wrote into an error buffer.</summary>
    public static string ReadErrorBuffer(byte[] errstr)
    {
        var length = Array.IndexOf(errstr, (byte)0);
        return System.Text.Encoding.UTF8.GetString(errstr, 0, length < 0 ? errstr.Length : length);
    }
}

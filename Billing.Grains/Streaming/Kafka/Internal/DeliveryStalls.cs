namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// The deliveries of one partition that are failing right now, each retried until it succeeds, and the
/// operators' orders to skip one. Written by the delivery observer on the pulling agent, read by status and
/// metrics from other threads.
/// </summary>
internal sealed class DeliveryStalls(int partition)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(StreamId Stream, long FirstOffset), Failing> failing = [];
    private readonly HashSet<long> skipOrders = [];

    public int Partition => partition;

    public bool IsStalled
    {
        get
        {
            lock (gate)
            {
                return failing.Count > 0;
            }
        }
    }

    /// <summary>Records a failed attempt; returns how many attempts of this delivery have failed.</summary>
    public int Failed(KafkaBatchContainer delivery, Exception error, DateTimeOffset now)
    {
        lock (gate)
        {
            var key = (delivery.StreamId, delivery.Offsets[0]);
            if (!failing.TryGetValue(key, out var entry))
            {
                entry = new Failing(delivery.StreamId, delivery.Offsets[0], delivery.Items.Count, now);
                failing.Add(key, entry);
            }

            entry.Attempts++;
            entry.LastError = Describe(error);
            return entry.Attempts;
        }
    }

    /// <summary>The delivery went through; returns how many attempts had failed before, 0 if none.</summary>
    public int Delivered(KafkaBatchContainer delivery)
    {
        lock (gate)
        {
            return failing.Remove((delivery.StreamId, delivery.Offsets[0]), out var entry) ? entry.Attempts : 0;
        }
    }

    /// <summary>
    /// Orders the failing delivery that starts at <paramref name="firstOffset"/> skipped at its next attempt.
    /// </summary>
    /// <returns>False when no delivery of this partition starting there is failing.</returns>
    public bool OrderSkip(long firstOffset)
    {
        lock (gate)
        {
            if (!failing.Values.Any(entry => entry.FirstOffset == firstOffset))
            {
                return false;
            }

            skipOrders.Add(firstOffset);
            return true;
        }
    }

    /// <summary>Whether <paramref name="delivery"/> was ordered skipped; the order is used up.</summary>
    public bool TakeSkipOrder(KafkaBatchContainer delivery)
    {
        lock (gate)
        {
            if (!skipOrders.Remove(delivery.Offsets[0]))
            {
                return false;
            }

            failing.Remove((delivery.StreamId, delivery.Offsets[0]));
            return true;
        }
    }

    /// <summary>The failing delivery that holds the partition's commit back (the lowest offset), or null.</summary>
    public KafkaDeliveryStall? Describe()
    {
        lock (gate)
        {
            if (failing.Count == 0)
            {
                return null;
            }

            var oldest = failing.Values.MinBy(entry => entry.FirstOffset)!;
            return new KafkaDeliveryStall(
                partition, oldest.StreamId.ToString(), oldest.FirstOffset, oldest.RecordCount, oldest.Since, oldest.Attempts,
                oldest.LastError, failing.Count, skipOrders.Contains(oldest.FirstOffset));
        }
    }

    /// <summary>
    /// The failure in one line, such as <c>NpgsqlException: Failed to connect to 10.0.0.5:5432 (SocketException:
    /// Connection refused)</c>: the first exception that is not a wrapper Orleans adds (whose message carries
    /// stack traces an operator cannot act on), with its root cause.
    /// </summary>
    private static string Describe(Exception error)
    {
        var meaningful = error;
        while (meaningful is OrleansException or AggregateException && meaningful.InnerException is { } inner)
        {
            meaningful = inner;
        }

        var root = meaningful.GetBaseException();
        var text = $"{meaningful.GetType().Name}: {FirstLine(meaningful.Message)}";
        return ReferenceEquals(root, meaningful) ? text : $"{text} ({root.GetType().Name}: {FirstLine(root.Message)})";
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private sealed class Failing(StreamId streamId, long firstOffset, int recordCount, DateTimeOffset since)
    {
        public StreamId StreamId { get; } = streamId;

        public long FirstOffset { get; } = firstOffset;

        public int RecordCount { get; } = recordCount;

        public DateTimeOffset Since { get; } = since;

        public int Attempts { get; set; }

        public string LastError { get; set; } = "";
    }
}

using System.Globalization;

namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// Which dead letters to list or replay: all of them, those of one reason, or those read from one partition of
/// the incoming topic (optionally within an inclusive range of offsets); for a listing, also only those set
/// aside since a given time. Partitions and offsets are the ones the dead letter's
/// <see cref="KafkaDeadLetterHeaders.SourcePartition"/> and <see cref="KafkaDeadLetterHeaders.SourceOffset"/>
/// headers name: where the provider read the record it set aside.
/// </summary>
public sealed class KafkaDeadLetterSelection
{
    private KafkaDeadLetterSelection(string? reason, int? partition, long? fromOffset, long? toOffset, DateTimeOffset? since)
    {
        Reason = reason;
        Partition = partition;
        FromOffset = fromOffset;
        ToOffset = toOffset;
        Since = since;
    }

    /// <summary>Every dead letter.</summary>
    public static KafkaDeadLetterSelection All { get; } = new(null, null, null, null, null);

    /// <summary>Only dead letters of this reason code (compared exactly), or null for any reason.</summary>
    public string? Reason { get; }

    /// <summary>Only dead letters read from this partition, or null for any partition.</summary>
    public int? Partition { get; }

    /// <summary>With <see cref="Partition"/>: the lowest source offset selected, or null for no lower bound.</summary>
    public long? FromOffset { get; }

    /// <summary>With <see cref="Partition"/>: the highest source offset selected (inclusive), or null for no upper bound.</summary>
    public long? ToOffset { get; }

    /// <summary>Only dead letters set aside at or after this time, or null for any time.</summary>
    public DateTimeOffset? Since { get; }

    /// <summary>The dead letters of <paramref name="reason"/>, such as <c>wrong-currency</c>.</summary>
    public static KafkaDeadLetterSelection OfReason(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new KafkaDeadLetterSelection(reason, null, null, null, null);
    }

    /// <summary>The dead letters read from <paramref name="partition"/>, from offset <paramref name="fromOffset"/> to <paramref name="toOffset"/> inclusive.</summary>
    public static KafkaDeadLetterSelection OfPartition(int partition, long? fromOffset = null, long? toOffset = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        if (fromOffset < 0 || toOffset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fromOffset), "Offsets are 0 or more.");
        }

        if (fromOffset > toOffset)
        {
            throw new ArgumentException($"The range of offsets is empty: from {fromOffset} to {toOffset}.", nameof(toOffset));
        }

        return new KafkaDeadLetterSelection(null, partition, fromOffset, toOffset, null);
    }

    /// <summary>This selection, further narrowed to dead letters set aside at or after <paramref name="since"/>.</summary>
    public KafkaDeadLetterSelection SetAsideSince(DateTimeOffset since) => new(Reason, Partition, FromOffset, ToOffset, since);

    /// <summary>Whether <paramref name="letter"/> is selected. A dead letter whose headers do not name its source is never selected by partition.</summary>
    public bool Matches(KafkaDeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (Reason is not null && !string.Equals(letter.Reason, Reason, StringComparison.Ordinal))
        {
            return false;
        }

        if (Since is { } since && letter.DeadLetteredAt < since)
        {
            return false;
        }

        if (Partition is not { } partition)
        {
            return true;
        }

        return letter.SourcePartition == partition
               && letter.SourceOffset is { } offset
               && offset >= (FromOffset ?? 0)
               && offset <= (ToOffset ?? long.MaxValue);
    }

    /// <summary>What is selected, in words: <c>reason wrong-currency</c>, <c>partition 3, offsets 10 to 20</c>, <c>all dead letters</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Reason is not null)
        {
            parts.Add($"reason {Reason}");
        }

        if (Partition is { } partition)
        {
            parts.Add((FromOffset, ToOffset) switch
            {
                (null, null) => string.Create(CultureInfo.InvariantCulture, $"partition {partition}"),
                ({ } from, null) => string.Create(CultureInfo.InvariantCulture, $"partition {partition}, offsets from {from}"),
                (null, { } to) => string.Create(CultureInfo.InvariantCulture, $"partition {partition}, offsets up to {to}"),
                ({ } from, { } to) => string.Create(CultureInfo.InvariantCulture, $"partition {partition}, offsets {from} to {to}"),
            });
        }

        if (Since is { } since)
        {
            parts.Add($"set aside since {since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? "all dead letters" : string.Join("; ", parts);
    }
}

namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// What a <see cref="IKafkaRecordMapper"/> decided for one record: the streams it goes to, or why it was
/// rejected (then it is dead-lettered with that reason).
/// </summary>
public readonly struct KafkaRecordMapping
{
    private KafkaRecordMapping(IReadOnlyList<StreamRoute>? routes, string? rejectionCode, string? rejectionDetail)
    {
        Routes = routes ?? [];
        RejectionCode = rejectionCode;
        RejectionDetail = rejectionDetail;
    }

    /// <summary>The streams the record is delivered to; empty when rejected.</summary>
    public IReadOnlyList<StreamRoute> Routes { get; }

    /// <summary>A short stable code for the rejection (for example <c>unknown-type</c>), or null.</summary>
    public string? RejectionCode { get; }

    /// <summary>A human-readable explanation of the rejection, or null.</summary>
    public string? RejectionDetail { get; }

    /// <summary>Whether the record was rejected.</summary>
    public bool IsRejected => RejectionCode is not null;

    /// <summary>The record goes to <paramref name="routes"/>: each stream at most once, in this order.</summary>
    public static KafkaRecordMapping RouteTo(IReadOnlyList<StreamRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (routes.Count == 0)
        {
            throw new ArgumentException("A record must go to at least one stream; reject it otherwise.", nameof(routes));
        }

        return new KafkaRecordMapping(routes, null, null);
    }

    /// <summary>The record is rejected: it will be dead-lettered with <paramref name="code"/> and <paramref name="detail"/>.</summary>
    public static KafkaRecordMapping Reject(string code, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new KafkaRecordMapping(null, code, detail);
    }
}

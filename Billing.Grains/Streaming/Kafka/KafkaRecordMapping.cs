namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// What a <see cref="IKafkaRecordMapper"/> decided for one record: the streams it goes to, or why it was
/// rejected (then it is dead-lettered with that reason).
/// </summary>
public readonly struct KafkaRecordMapping
{
    private KafkaRecordMapping(IReadOnlyList<StreamRoute>? routes, DateTimeOffset? eventTime, string? rejectionCode, string? rejectionDetail)
    {
        Routes = routes ?? [];
        EventTime = eventTime;
        RejectionCode = rejectionCode;
        RejectionDetail = rejectionDetail;
    }

    /// <summary>The streams the record is delivered to; empty when rejected.</summary>
    public IReadOnlyList<StreamRoute> Routes { get; }

    /// <summary>
    /// When the record's event happened, if the mapper knows: the provider reports the latest event time of
    /// each partition's delivered prefix (<see cref="KafkaDeliveryProgress"/>), from which event-time
    /// watermarks are made. Null for rejected records and for mappers without event time.
    /// </summary>
    public DateTimeOffset? EventTime { get; }

    /// <summary>A short stable code for the rejection (for example <c>unknown-type</c>), or null.</summary>
    public string? RejectionCode { get; }

    /// <summary>A human-readable explanation of the rejection, or null.</summary>
    public string? RejectionDetail { get; }

    /// <summary>Whether the record was rejected.</summary>
    public bool IsRejected => RejectionCode is not null;

    /// <summary>
    /// The record goes to <paramref name="routes"/>: each stream at most once, in this order.
    /// <paramref name="eventTime"/> is when its event happened, if known.
    /// </summary>
    public static KafkaRecordMapping RouteTo(IReadOnlyList<StreamRoute> routes, DateTimeOffset? eventTime = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (routes.Count == 0)
        {
            throw new ArgumentException("A record must go to at least one stream; reject it otherwise.", nameof(routes));
        }

        return new KafkaRecordMapping(routes, eventTime, null, null);
    }

    /// <summary>The record is rejected: it will be dead-lettered with <paramref name="code"/> and <paramref name="detail"/>.</summary>
    public static KafkaRecordMapping Reject(string code, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new KafkaRecordMapping(null, null, code, detail);
    }
}

namespace Billing.Events;

/// <summary>
/// One unit of billable usage, as validated from a Kafka record.
/// </summary>
/// <param name="Customer">The customer id, non-empty, exactly as the producer sent it (case-sensitive).</param>
/// <param name="Type">The kind of usage.</param>
/// <param name="Amount">The amount in the billing currency, positive, with at most the currency's minor digits.</param>
/// <param name="Time">The event time, in UTC.</param>
/// <param name="Id">The producer's event id, when the record carried one (JSON records only).</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.billable-event")]
public sealed record BillableEvent(
    [property: Id(0)] string Customer,
    [property: Id(1)] EventType Type,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] DateTimeOffset Time,
    [property: Id(4)] string? Id = null);

using Billing.Events;

namespace Billing.Usage;

/// <summary>One event type's usage across all customers, month by month.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Months">Every month with events, oldest first.</param>
/// <param name="UpdatedAt">When it last changed, or null if never.</param>
/// <param name="Duplicates">How many records of this type carried the id of an event already counted, and were not counted again.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.event-type-usage")]
public sealed record EventTypeUsage(
    [property: Id(0)] EventType Type,
    [property: Id(1)] IReadOnlyList<TypeMonthUsage> Months,
    [property: Id(2)] DateTimeOffset? UpdatedAt,
    [property: Id(3)] long Duplicates = 0)
{
    /// <summary>The most recent month, which the prototype-compatible route answers with; null when there is none.</summary>
    public TypeMonthUsage? Current => Months.Count == 0 ? null : Months[^1];
}

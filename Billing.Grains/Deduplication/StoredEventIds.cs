using Billing.Usage;

namespace Billing.Grains.Deduplication;

/// <summary>
/// The part of a grain's state that remembers which event ids it has counted: per month of event time, the
/// keys of ids (<see cref="EventKey"/>), and how many records were copies of an event already counted. Written
/// with the rest of the state, so the ids and the totals they guard can never disagree.
/// </summary>
[GenerateSerializer]
[Alias("billing.stored-event-ids")]
public sealed class StoredEventIds
{
    /// <summary>The months whose ids are kept, by the month of the events' time.</summary>
    [Id(0)]
    public Dictionary<BillingMonth, EventIdMonth> Months { get; init; } = [];

    /// <summary>Records that carried an id already counted, and were therefore not counted again.</summary>
    [Id(1)]
    public long Duplicates { get; set; }
}

/// <summary>
/// The ids of one month: full pages stored as states of their own (written once, before the state that counts
/// them), and the ids after them in the grain's own state.
/// </summary>
[GenerateSerializer]
[Alias("billing.event-id-month")]
public sealed class EventIdMonth
{
    /// <summary>How many full pages are stored: pages 0 to <c>StoredPages - 1</c>. A page past them is left over from a crash and is ignored.</summary>
    [Id(0)]
    public int StoredPages { get; set; }

    /// <summary>The keys counted after the stored pages, 16 bytes each in the order they were counted; fewer than a page.</summary>
    [Id(1)]
    public byte[] Tail { get; set; } = [];
}

/// <summary>A full page of one month's keys, 16 bytes each, stored under a state name of its own.</summary>
[GenerateSerializer]
[Alias("billing.event-id-page")]
public sealed class EventIdPage
{
    [Id(0)]
    public byte[] Keys { get; set; } = [];
}

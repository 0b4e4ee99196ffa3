using Billing.Events;

namespace Billing.Web.Ingest;

/// <summary>What a request body holds, as <see cref="IngestBatchReader"/> read it.</summary>
public sealed class IngestReadResult
{
    private IngestReadResult(bool tooMany, int count, IReadOnlyList<BillableEvent> events, IReadOnlyList<IngestRejection> rejections)
    {
        TooManyEvents = tooMany;
        Count = count;
        Events = events;
        Rejections = rejections;
    }

    /// <summary>The batch has more events than allowed; nothing else was read.</summary>
    public bool TooManyEvents { get; }

    /// <summary>How many events the body holds (when <see cref="TooManyEvents"/>, the first count past the limit).</summary>
    public int Count { get; }

    /// <summary>Every event, in order, when the whole body is valid; empty otherwise.</summary>
    public IReadOnlyList<BillableEvent> Events { get; }

    /// <summary>One per refused event (or one for an unreadable body); empty when every event is valid.</summary>
    public IReadOnlyList<IngestRejection> Rejections { get; }

    /// <summary>Whether every event is valid and there is at least one.</summary>
    public bool IsValid => !TooManyEvents && Rejections.Count == 0 && Events.Count > 0;

    public static IngestReadResult Valid(IReadOnlyList<BillableEvent> events) => new(false, events.Count, events, []);

    public static IngestReadResult Invalid(int count, IReadOnlyList<IngestRejection> rejections) => new(false, count, [], rejections);

    public static IngestReadResult TooMany(int count) => new(true, count, [], []);
}

using System.Diagnostics.CodeAnalysis;
using Billing.Events;

namespace Billing.Records;

/// <summary>
/// The outcome of decoding one Kafka record: either a valid <see cref="Event"/> or a <see cref="Rejection"/>.
/// </summary>
/// <remarks>A struct so that the hot path allocates nothing beyond the event itself; <c>default</c> is not a result.</remarks>
public readonly record struct DecodeResult
{
    private DecodeResult(BillableEvent? @event, RecordRejection? rejection)
    {
        Event = @event;
        Rejection = rejection;
    }

    /// <summary>The decoded event, when the record is valid.</summary>
    public BillableEvent? Event { get; }

    /// <summary>Why the record was refused, when it is not valid.</summary>
    public RecordRejection? Rejection { get; }

    /// <summary>Whether the record decoded into an <see cref="Event"/>.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Event is not null;

    /// <summary>A valid result.</summary>
    public static DecodeResult Valid(BillableEvent @event) => new(@event ?? throw new ArgumentNullException(nameof(@event)), null);

    /// <summary>A rejected result.</summary>
    public static DecodeResult Rejected(RecordRejection rejection) => new(null, rejection ?? throw new ArgumentNullException(nameof(rejection)));

    /// <summary>A rejected result with the given reason and detail.</summary>
    public static DecodeResult Rejected(RejectionReason reason, string detail) => new(null, new RecordRejection(reason, detail));

    /// <summary>Returns the event's or the rejection's text.</summary>
    public override string ToString() => IsValid ? Event.ToString() : Rejection.ToString();
}

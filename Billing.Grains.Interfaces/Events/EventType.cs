namespace Billing.Events;

/// <summary>
/// The kinds of billable usage. Their wire names are the upper-case member names
/// (<c>MESSAGE</c>, <c>DATA</c>, <c>CALL</c>, <c>PACK</c>, <c>MISC</c>), as the prototype wrote them.
/// </summary>
[GenerateSerializer]
[Alias("billing.event-type")]
public enum EventType
{
    /// <summary>A text message.</summary>
    Message = 0,

    /// <summary>Mobile data.</summary>
    Data = 1,

    /// <summary>A voice call.</summary>
    Call = 2,

    /// <summary>A bundle or pack purchase.</summary>
    Pack = 3,

    /// <summary>Anything else.</summary>
    Misc = 4,
}

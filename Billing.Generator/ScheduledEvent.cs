using Billing.Events;

namespace Billing.Generator;

/// <summary>An event and the position on the event-time clock at which the generator sends it.</summary>
/// <param name="Event">The event.</param>
/// <param name="EmitAt">
/// When, in event time, it is sent: its own <see cref="BillableEvent.Time"/> when in order, a neighbour's time when
/// swapped with it, or later by <see cref="EventSchedule.MinLateDelay"/> to <see cref="EventSchedule.MaxLateDelay"/>
/// when late.
/// </param>
public sealed record ScheduledEvent(BillableEvent Event, DateTimeOffset EmitAt);

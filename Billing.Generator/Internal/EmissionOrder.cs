using Billing.Events;

namespace Billing.Generator.Internal;

/// <summary>
/// Turns a stream of events sorted by time into the order they are sent in, lazily: a few go late, and
/// neighbours close in time are swapped. Memory holds only the pending late events (at most
/// <see cref="EventSchedule.MaxLateDelay"/> of them) and one held event.
/// </summary>
internal static class EmissionOrder
{
    public static IEnumerable<ScheduledEvent> Apply(IEnumerable<BillableEvent> byTime, Random random)
    {
        // Ordered by send position, then by the order they were chosen, so equal positions stay deterministic.
        var late = new PriorityQueue<ScheduledEvent, (DateTimeOffset EmitAt, long Sequence)>();
        long sequence = 0;

        // The last on-time event, held back until its successor says whether the two swap.
        BillableEvent? held = null;
        foreach (var e in byTime)
        {
            if (random.NextDouble() < EventSchedule.LateProbability)
            {
                var emitAt = e.Time + EventSchedule.MinLateDelay
                    + TimeSpan.FromMilliseconds(random.NextInt64((long)(EventSchedule.MaxLateDelay - EventSchedule.MinLateDelay).TotalMilliseconds + 1));
                late.Enqueue(new ScheduledEvent(e, emitAt), (emitAt, sequence++));
                continue;
            }

            if (held is null)
            {
                held = e;
                continue;
            }

            // Swapped events trade send positions: each is then off its own time by less than the
            // out-of-orderness bound, so a watermark that honours the bound counts both as on time.
            if (e.Time - held.Time < EventSchedule.MaxOutOfOrderness && random.NextDouble() < EventSchedule.SwapProbability)
            {
                foreach (var due in DueBy(late, held.Time))
                {
                    yield return due;
                }

                yield return new ScheduledEvent(e, held.Time);
                foreach (var due in DueBy(late, e.Time))
                {
                    yield return due;
                }

                yield return new ScheduledEvent(held, e.Time);
                held = null;
                continue;
            }

            foreach (var due in DueBy(late, held.Time))
            {
                yield return due;
            }

            yield return new ScheduledEvent(held, held.Time);
            held = e;
        }

        if (held is not null)
        {
            foreach (var due in DueBy(late, held.Time))
            {
                yield return due;
            }

            yield return new ScheduledEvent(held, held.Time);
        }

        while (late.TryDequeue(out var rest, out _))
        {
            yield return rest;
        }
    }

    // Late events whose position has come go first: at equal positions a late event is the older one.
    private static IEnumerable<ScheduledEvent> DueBy(PriorityQueue<ScheduledEvent, (DateTimeOffset EmitAt, long Sequence)> late, DateTimeOffset position)
    {
        while (late.TryPeek(out var next, out _) && next.EmitAt <= position)
        {
            yield return late.Dequeue();
        }
    }
}

namespace Billing.Web.Ingest;

/// <summary>
/// Waits for the deliveries of one request's events, up to a time-out, and sorts their ids into acknowledged and
/// not: a delivery that failed, or had not finished when the time ran out, is not acknowledged.
/// </summary>
public static class DeliveryOutcome
{
    /// <summary>Waits until every delivery has finished or <paramref name="timeout"/> has passed, then sorts the ids.</summary>
    /// <param name="ids">The events' ids, one per delivery, in order.</param>
    /// <param name="deliveries">Each event's delivery: it completes when Kafka acknowledges the event, and faults when Kafka refuses it.</param>
    /// <param name="timeout">How long to wait for all of them.</param>
    /// <param name="time">The clock the time-out runs on.</param>
    /// <param name="cancellationToken">Stops the waiting (the caller went away); the deliveries go on.</param>
    public static async Task<ProduceOutcome> CollectAsync(
        IReadOnlyList<string> ids, IReadOnlyList<Task> deliveries, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(time);
        if (ids.Count != deliveries.Count)
        {
            throw new ArgumentException("One delivery per id.", nameof(deliveries));
        }

        var all = Task.WhenAll(deliveries);
        try
        {
            await all.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Sorted below: whatever finished well by now is acknowledged.
        }
        catch (Exception) when (all.IsCompleted)
        {
            // Some deliveries failed; sorted below.
        }

        return Sort(ids, deliveries, timeout);
    }

    /// <summary>Sorts the ids by the deliveries' state now.</summary>
    public static ProduceOutcome Sort(IReadOnlyList<string> ids, IReadOnlyList<Task> deliveries, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(deliveries);
        var accepted = new List<string>(ids.Count);
        var notAccepted = new List<string>();
        string? failure = null;
        var pending = 0;
        for (var n = 0; n < ids.Count; n++)
        {
            var delivery = deliveries[n];
            if (delivery.IsCompletedSuccessfully)
            {
                accepted.Add(ids[n]);
                continue;
            }

            notAccepted.Add(ids[n]);
            if (!delivery.IsCompleted)
            {
                pending++;
            }
            else
            {
                failure ??= delivery.Exception?.InnerException?.Message ?? "the delivery was cancelled";
            }
        }

        var problem = (failure, pending) switch
        {
            (null, 0) => null,
            (null, _) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Kafka did not acknowledge {pending} of {ids.Count} events within {timeout.TotalSeconds:0.###} s."),
            _ => $"Kafka did not accept {notAccepted.Count} of {ids.Count} events: {failure}",
        };
        return new ProduceOutcome(accepted, notAccepted, problem);
    }
}

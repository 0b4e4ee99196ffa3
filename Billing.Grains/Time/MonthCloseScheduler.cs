using Billing.Usage;
using Microsoft.Extensions.Logging;

namespace Billing.Grains.Time;

/// <summary>
/// Makes closing prompt. Customer grains active on this silo say which month closes next for them; when the
/// watermark closes that month, the scheduler tells each of them at once (a bounded number at a time) rather
/// than waiting for their reminders. It holds no state that matters: a lost entry only means the customer's
/// durable reminder closes the month instead.
/// </summary>
public sealed class MonthCloseScheduler(IGrainFactory grains, EventClockView clock, ILogger<MonthCloseScheduler> logger)
{
    /// <summary>Enough calls in flight to keep the invoice store's batches full, few enough not to flood the silo.</summary>
    private const int MaxConcurrentCloses = 512;

    private readonly Lock gate = new();
    private readonly SortedDictionary<BillingMonth, HashSet<string>> customersByMonth = [];
    private readonly Dictionary<string, BillingMonth> monthByCustomer = new(StringComparer.Ordinal);

    /// <summary>How many customers wait for a month to close.</summary>
    public int Watched
    {
        get
        {
            lock (gate)
            {
                return monthByCustomer.Count;
            }
        }
    }

    /// <summary>Tells <paramref name="customer"/> when <paramref name="nextClosing"/> closes; null forgets it.</summary>
    public void Watch(string customer, BillingMonth? nextClosing)
    {
        lock (gate)
        {
            if (monthByCustomer.Remove(customer, out var previous) && customersByMonth.TryGetValue(previous, out var waiting))
            {
                waiting.Remove(customer);
                if (waiting.Count == 0)
                {
                    customersByMonth.Remove(previous);
                }
            }

            if (nextClosing is not { } month)
            {
                return;
            }

            monthByCustomer[customer] = month;
            if (!customersByMonth.TryGetValue(month, out var customers))
            {
                customers = new HashSet<string>(StringComparer.Ordinal);
                customersByMonth.Add(month, customers);
            }

            customers.Add(customer);
        }
    }

    /// <summary>Tells every customer whose month the current watermark has closed.</summary>
    public async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        var due = TakeDue(clock.ClosedThrough);
        if (due.Count == 0)
        {
            return;
        }

        ClosingLog.Dispatching(logger, due.Count, clock.ClosedThrough?.ToString() ?? "");
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentCloses, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, options, async (customer, _) =>
        {
            try
            {
                await grains.GetGrain<ICustomerGrain>(customer).CloseDueMonthsAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The customer's reminder tries again.
                ClosingLog.DispatchFailed(logger, exception);
            }
        });
    }

    private List<string> TakeDue(BillingMonth? closedThrough)
    {
        var due = new List<string>();
        if (closedThrough is not { } closed)
        {
            return due;
        }

        lock (gate)
        {
            while (customersByMonth.Count > 0 && customersByMonth.First() is var (month, customers) && month <= closed)
            {
                customersByMonth.Remove(month);
                foreach (var customer in customers)
                {
                    monthByCustomer.Remove(customer);
                    due.Add(customer);
                }
            }
        }

        return due;
    }
}

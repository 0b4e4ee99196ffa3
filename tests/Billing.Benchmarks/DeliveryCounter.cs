using System.Diagnostics;

namespace Billing.Benchmarks;

/// <summary>Counts events delivered to the benchmark grains, and when the first and the last arrived.</summary>
internal sealed class DeliveryCounter(int expectedPerNamespace)
{
    private readonly Lock gate = new();
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stopwatch? clock;
    private long customerEvents;
    private long typeEvents;
    private decimal customerTotal;

    public Task Completion => done.Task;

    public TimeSpan Elapsed { get; private set; }

    public decimal CustomerTotal
    {
        get
        {
            lock (gate)
            {
                return customerTotal;
            }
        }
    }

    public void Add(bool customerStream, int events, decimal amount)
    {
        lock (gate)
        {
            clock ??= Stopwatch.StartNew();
            if (customerStream)
            {
                customerEvents += events;
                customerTotal += amount;
            }
            else
            {
                typeEvents += events;
            }

            if (customerEvents >= expectedPerNamespace && typeEvents >= expectedPerNamespace && !done.Task.IsCompleted)
            {
                Elapsed = clock.Elapsed;
                done.TrySetResult();
            }
        }
    }
}

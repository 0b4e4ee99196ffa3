using System.Collections.Concurrent;
using Billing.Events;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>
/// Where probe grains record what the streams deliver. It lives in the test process, outside every silo, so it
/// survives silo restarts like a durable store would; tests wait on it for a condition instead of sleeping.
/// </summary>
public sealed class DeliveryProbe
{
    private readonly ConcurrentQueue<ProbeDelivery> deliveries = new();
    private readonly ConcurrentDictionary<string, byte> poisonCustomers = new(StringComparer.Ordinal);
    private int batches;
    private int inFlight;
    private int maxInFlight;
    private TimeSpan hold;
    private TaskCompletionSource changed = NewSignal();

    /// <summary>The most deliveries the probe grains were handling at one moment.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>Each probe grain holds every delivery this long before it records it, so that deliveries overlap.</summary>
    public void HoldEachDelivery(TimeSpan duration) => hold = duration;

    /// <summary>Counts a delivery in flight while its probe grain holds it.</summary>
    public async Task HoldAsync()
    {
        var now = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref maxInFlight); now > seen; seen = Volatile.Read(ref maxInFlight))
        {
            Interlocked.CompareExchange(ref maxInFlight, now, seen);
        }

        try
        {
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold);
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public IReadOnlyCollection<ProbeDelivery> Deliveries => deliveries.ToArray();

    /// <summary>Customers whose batches the probe grains refuse (they throw), to exercise the failure path.</summary>
    public void Poison(string customer) => poisonCustomers[customer] = 0;

    /// <summary>The probe grains take <paramref name="customer"/>'s batches again.</summary>
    public void Cure(string customer) => poisonCustomers.TryRemove(customer, out _);

    public bool IsPoisoned(string customer) => poisonCustomers.ContainsKey(customer);

    public void Record(string streamNamespace, string key, IEnumerable<IngestedEvent> events, string silo)
    {
        var batch = Interlocked.Increment(ref batches);
        foreach (var ingested in events)
        {
            deliveries.Enqueue(new ProbeDelivery(streamNamespace, key, ingested, batch, silo));
        }

        Interlocked.Exchange(ref changed, NewSignal()).TrySetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what was delivered; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyCollection<ProbeDelivery>, bool> condition, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var signal = Volatile.Read(ref changed).Task;
            var snapshot = Deliveries;
            if (condition(snapshot))
            {
                return;
            }

            try
            {
                await signal.WaitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}; {snapshot.Count} deliveries so far.");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

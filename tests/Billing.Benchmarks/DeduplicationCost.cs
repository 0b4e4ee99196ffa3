using System.Diagnostics;
using System.Globalization;
using Billing.Events;
using Billing.Grains.Deduplication;

namespace Billing.Benchmarks;

/// <summary>
/// What de-duplication by event id costs, measured in this process: the memory a silo holds for the ids it keeps,
/// the bytes stored, and the time to check an event, for 1,000,000 ids of one customer's month and for 100,000
/// customers with 10 ids each (1,000,000 events a month in all). The baseline is the plain way to keep ids: a
/// <see cref="HashSet{T}"/> of the id strings.
/// </summary>
internal static class DeduplicationCost
{
    private static readonly DateTimeOffset November = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static void Run(int ids)
    {
        Console.WriteLine($"De-duplication cost: {ids:N0} ids, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| layout | kept as | memory held | per id | stored | check a new id | check a copy |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var customers in new[] { 1, ids / 10 })
        {
            var events = Events(customers, ids);
            var layout = customers == 1 ? $"1 customer x {ids:N0} ids" : $"{customers:N0} customers x {ids / customers:N0} ids";
            var baseline = MeasureStrings(events);
            var keys = MeasureKeys(customers, events);
            Print(layout, "id strings (baseline)", baseline, ids);
            Print(layout, "128-bit keys", keys, ids);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"|  | ratio keys/baseline | {(double)keys.Memory / baseline.Memory:F2} |  | {(double)keys.Stored / baseline.Stored:F2} | {keys.NewNanos / baseline.NewNanos:F2} | {keys.CopyNanos / baseline.CopyNanos:F2} |"));
        }
    }

    private static List<BillableEvent> Events(int customers, int ids) =>
        [.. Enumerable.Range(0, ids).Select(i => new BillableEvent(
            $"c{i % customers:D6}", EventType.Call, 1.00m, November, $"evt-{Guid.NewGuid():N}"))];

    private static Cost MeasureStrings(List<BillableEvent> events)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        foreach (var billable in events)
        {
            if (!sets.TryGetValue(billable.Customer, out var set))
            {
                sets[billable.Customer] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            // A copy of the id string, as a deserialized record would bring it.
            set.Add(new string(billable.Id));
        }

        var newNanos = Nanos(watch, events.Count);
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        watch.Restart();
        var copies = events.Count(billable => sets[billable.Customer].Contains(billable.Id!));
        var copyNanos = Nanos(watch, events.Count);
        Check(copies, events.Count);
        var stored = events.Sum(billable => (long)System.Text.Encoding.UTF8.GetByteCount(billable.Id!));
        GC.KeepAlive(sets);
        return new Cost(memory, stored, newNanos, copyNanos);
    }

    private static Cost MeasureKeys(int customers, List<BillableEvent> events)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var states = new Dictionary<string, (StoredEventIds Stored, SeenEventIds Seen)>(customers, StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        foreach (var billable in events)
        {
            if (!states.TryGetValue(billable.Customer, out var state))
            {
                var stored = new StoredEventIds();
                states[billable.Customer] = state = (stored, new SeenEventIds(stored));
            }

            state.Seen.TryCount(billable, keepFrom: null);
        }

        // What a grain does before each state write; full pages leave memory once stored.
        long pageBytes = 0;
        foreach (var (_, seen) in states.Values)
        {
            pageBytes += seen.TakeFullPages().Sum(page => (long)page.Page.Keys.Length);
            seen.SyncTails();
        }

        var newNanos = Nanos(watch, events.Count);
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        watch.Restart();
        var copies = events.Count(billable => !states[billable.Customer].Seen.TryCount(billable, keepFrom: null));
        var copyNanos = Nanos(watch, events.Count);
        Check(copies, events.Count);
        var tailBytes = states.Values.Sum(state => state.Stored.Months.Values.Sum(month => (long)month.Tail.Length));
        GC.KeepAlive(states);
        return new Cost(memory, pageBytes + tailBytes, newNanos, copyNanos);
    }

    private static double Nanos(Stopwatch watch, int count) => watch.Elapsed.TotalNanoseconds / count;

    private static void Check(int copies, int expected)
    {
        if (copies != expected)
        {
            throw new InvalidOperationException($"{copies:N0} of {expected:N0} copies were recognized");
        }
    }

    private static void Print(string layout, string keptAs, Cost cost, int ids) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {layout} | {keptAs} | {cost.Memory / 1048576.0:N1} MiB | {cost.Memory / (double)ids:N1} B | {cost.Stored / 1048576.0:N1} MiB | {cost.NewNanos:N0} ns | {cost.CopyNanos:N0} ns |"));

    private sealed record Cost(long Memory, long Stored, double NewNanos, double CopyNanos);
}

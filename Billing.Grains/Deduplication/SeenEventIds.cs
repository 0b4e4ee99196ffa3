using Billing.Events;
using Billing.Usage;

namespace Billing.Grains.Deduplication;

/// <summary>
/// Decides whether an event with a producer's id is new or a copy of one already counted, over the ids of the
/// months kept (<see cref="StoredEventIds"/>). Holds every kept id in memory for the lookup; the stored form
/// changes only by appending: a month's ids fill its tail in the grain's state, and a full tail becomes a page
/// of its own, written once (<see cref="TakeFullPages"/>) before the state that counts it.
/// </summary>
/// <remarks>
/// Events without an id are not looked at: their exactly-once rests on the applied Kafka offsets alone. An id
/// is looked up in every kept month, so a copy with another event time is still a copy; it is remembered under
/// the month of its event's time, and forgotten with that month (<see cref="Forget"/>).
/// </remarks>
public sealed class SeenEventIds
{
    /// <summary>Keys per stored page: 64 KB. A grain's state carries less than a page of them per month.</summary>
    public const int DefaultPageSize = 4_096;

    private readonly StoredEventIds stored;
    private readonly int pageSize;
    private readonly Dictionary<BillingMonth, MonthKeys> months = [];
    private readonly List<EventIdPageWrite> fullPages = [];

    /// <param name="stored">The grain's stored ids; their tails are indexed now, their pages with <see cref="LoadPage"/>.</param>
    /// <param name="pageSize">Keys per page (tests use small pages).</param>
    public SeenEventIds(StoredEventIds stored, int pageSize = DefaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        this.stored = stored;
        this.pageSize = pageSize;
        foreach (var (month, ids) in stored.Months)
        {
            var keys = months[month] = new MonthKeys();
            foreach (var key in EventKey.FromBytes(ids.Tail))
            {
                keys.Add(key);
            }
        }
    }

    /// <summary>Every stored page of every month kept: to be read (<see cref="LoadPage"/>) before the first event is checked.</summary>
    public IReadOnlyList<EventIdPageRef> StoredPages =>
        [.. stored.Months.SelectMany(entry => Enumerable.Range(0, entry.Value.StoredPages).Select(page => new EventIdPageRef(entry.Key, page)))];

    /// <summary>How many ids are kept, in every month.</summary>
    public int Count => months.Values.Sum(keys => keys.Count);

    /// <summary>Takes a stored page's keys (<see cref="EventIdPage.Keys"/>) into the lookup.</summary>
    public void LoadPage(BillingMonth month, byte[] pageKeys)
    {
        ArgumentNullException.ThrowIfNull(pageKeys);
        if (months.TryGetValue(month, out var keys))
        {
            keys.Load(EventKey.FromBytes(pageKeys));
        }
    }

    /// <summary>
    /// Whether <paramref name="billable"/> is to be counted: an event without an id always is; an event with an
    /// id is when no kept month holds its id, which is then kept under its month (unless that month is before
    /// <paramref name="keepFrom"/>, already past the horizon). A copy is counted in <see cref="StoredEventIds.Duplicates"/>.
    /// </summary>
    public bool TryCount(BillableEvent billable, BillingMonth? keepFrom)
    {
        ArgumentNullException.ThrowIfNull(billable);
        if (billable.Id is not { } id)
        {
            return true;
        }

        var key = EventKey.Of(billable.Customer, id);
        foreach (var kept in months.Values)
        {
            if (kept.Contains(key))
            {
                stored.Duplicates++;
                return false;
            }
        }

        var month = BillingMonth.Of(billable.Time);
        if (keepFrom is { } first && month < first)
        {
            return true;
        }

        if (!months.TryGetValue(month, out var keys))
        {
            keys = months[month] = new MonthKeys();
            stored.Months[month] = new EventIdMonth();
        }

        keys.Add(key);
        keys.TailChanged = true;
        if (keys.Tail.Count == pageSize)
        {
            var storedMonth = stored.Months[month];
            fullPages.Add(new EventIdPageWrite(new EventIdPageRef(month, storedMonth.StoredPages), new EventIdPage { Keys = keys.TakeTail() }));
            storedMonth.StoredPages++;
        }

        return true;
    }

    /// <summary>The pages filled since the last call: each must be stored before the state that counts it is written.</summary>
    public IReadOnlyList<EventIdPageWrite> TakeFullPages()
    {
        List<EventIdPageWrite> taken = [.. fullPages];
        fullPages.Clear();
        return taken;
    }

    /// <summary>Copies the tails that changed into the stored state; called before the state is written.</summary>
    public void SyncTails()
    {
        foreach (var (month, keys) in months)
        {
            if (keys.TailChanged)
            {
                stored.Months[month].Tail = EventKey.ToBytes(keys.Tail);
                keys.TailChanged = false;
            }
        }
    }

    /// <summary>
    /// Forgets the months before <paramref name="keepFrom"/>: their ids leave the lookup and the stored state.
    /// </summary>
    /// <returns>The stored pages of the forgotten months, to be cleared once the state without them is written.</returns>
    public IReadOnlyList<EventIdPageRef> Forget(BillingMonth? keepFrom)
    {
        if (keepFrom is not { } first)
        {
            return [];
        }

        List<EventIdPageRef> pages = [];
        foreach (var month in months.Keys.Where(month => month < first).ToList())
        {
            pages.AddRange(Enumerable.Range(0, stored.Months[month].StoredPages).Select(page => new EventIdPageRef(month, page)));
            months.Remove(month);
            stored.Months.Remove(month);
        }

        return pages;
    }

    /// <summary>
    /// One month's keys: the tail in counting order, and a hash index over all of them once there are more than
    /// a short scan covers. Most customers have a few ids a month, and an index would triple what they hold.
    /// </summary>
    private sealed class MonthKeys
    {
        private const int ScanLimit = 32;

        private HashSet<UInt128>? index;

        public List<UInt128> Tail { get; } = [];

        public bool TailChanged { get; set; }

        public int Count => index?.Count ?? Tail.Count;

        public bool Contains(UInt128 key) => index?.Contains(key) ?? Tail.Contains(key);

        public void Add(UInt128 key)
        {
            Tail.Add(key);
            if (index is not null)
            {
                index.Add(key);
            }
            else if (Tail.Count > ScanLimit)
            {
                index = [.. Tail];
            }
        }

        /// <summary>The tail as a page's bytes; its keys stay in the index, the tail starts again empty.</summary>
        public byte[] TakeTail()
        {
            index ??= [.. Tail];
            var bytes = EventKey.ToBytes(Tail);
            Tail.Clear();
            return bytes;
        }

        /// <summary>A stored page's keys: these precede the tail, and are only looked up.</summary>
        public void Load(IEnumerable<UInt128> pageKeys)
        {
            index ??= [.. Tail];
            index.UnionWith(pageKeys);
        }
    }
}

/// <summary>Page <paramref name="Page"/> of the ids of <paramref name="Month"/>.</summary>
public readonly record struct EventIdPageRef(BillingMonth Month, int Page);

/// <summary>A full page to store.</summary>
public sealed record EventIdPageWrite(EventIdPageRef Where, EventIdPage Page);

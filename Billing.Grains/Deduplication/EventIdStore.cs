using Billing.Usage;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Billing.Grains.Deduplication;

/// <summary>
/// A grain's event ids (<see cref="SeenEventIds"/>) with their storage: the full pages, each a state of its own
/// in the grain's storage named after the grain's state, the month and the page, and the pages of forgotten
/// months, cleared once the state that no longer counts them is written. The grain writes its state through
/// <see cref="WriteWithStateAsync"/>, which keeps that order.
/// </summary>
public sealed class EventIdStore
{
    private readonly IGrainStorage storage;
    private readonly GrainId grain;
    private readonly string stateName;
    private readonly ILogger logger;
    private readonly List<EventIdPageRef> forgotten = [];

    private EventIdStore(SeenEventIds seen, IGrainStorage storage, GrainId grain, string stateName, ILogger logger)
    {
        Seen = seen;
        this.storage = storage;
        this.grain = grain;
        this.stateName = stateName;
        this.logger = logger;
    }

    /// <summary>The ids kept, for <see cref="SeenEventIds.TryCount"/>.</summary>
    public SeenEventIds Seen { get; }

    /// <summary>Indexes the ids of <paramref name="stored"/> and reads their stored pages.</summary>
    public static async Task<EventIdStore> LoadAsync(
        StoredEventIds stored, IGrainStorage storage, GrainId grain, string stateName, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var store = new EventIdStore(new SeenEventIds(stored), storage, grain, stateName, logger);
        var pages = await Task.WhenAll(store.Seen.StoredPages.Select(async where => (where, page: await store.ReadAsync(where))));
        foreach (var (where, page) in pages)
        {
            store.Seen.LoadPage(where.Month, page.State?.Keys ?? []);
        }

        return store;
    }

    /// <summary>Forgets the months before <paramref name="keepFrom"/>; their pages are cleared after the next state write.</summary>
    public void Forget(BillingMonth? keepFrom) => forgotten.AddRange(Seen.Forget(keepFrom));

    /// <summary>
    /// Writes the grain's state with its ids: first the pages that filled (if that fails, the grain deactivates,
    /// as when its own state write fails), then, with the ids counted since into the state's tails,
    /// <paramref name="writeState"/>, then clears the pages of forgotten months.
    /// </summary>
    public async Task WriteWithStateAsync(IGrainContext grainContext, Func<Task> writeState)
    {
        ArgumentNullException.ThrowIfNull(writeState);
        await StateWrites.OrDeactivateAsync(grainContext, WriteFullPagesAsync);
        Seen.SyncTails();
        await writeState();
        await ClearForgottenPagesAsync();
    }

    /// <summary>
    /// Stores the pages that filled. Each is read first: a crash after a page was written and before the state
    /// that counts it left a page that is now written again, under its stored version.
    /// </summary>
    private Task WriteFullPagesAsync() => Task.WhenAll(Seen.TakeFullPages().Select(async page =>
    {
        var state = await ReadAsync(page.Where);
        state.State = page.Page;
        await storage.WriteStateAsync(NameOf(page.Where), grain, state);
    }));

    /// <summary>
    /// Clears the pages of forgotten months, which the state just written no longer counts. A failure leaves them
    /// stored but unread; it is logged and not retried.
    /// </summary>
    private async Task ClearForgottenPagesAsync()
    {
        if (forgotten.Count == 0)
        {
            return;
        }

        List<EventIdPageRef> pages = [.. forgotten];
        forgotten.Clear();
        try
        {
            await Task.WhenAll(pages.Select(async where =>
            {
                var state = await ReadAsync(where);
                if (state.RecordExists)
                {
                    await storage.ClearStateAsync(NameOf(where), grain, state);
                }
            }));
        }
        catch (Exception exception)
        {
            DeduplicationLog.PagesNotCleared(logger, exception, grain.ToString(), pages.Count);
        }
    }

    private async Task<GrainState<EventIdPage>> ReadAsync(EventIdPageRef where)
    {
        var state = new GrainState<EventIdPage>(new EventIdPage());
        await storage.ReadStateAsync(NameOf(where), grain, state);
        state.State ??= new EventIdPage();
        return state;
    }

    private string NameOf(EventIdPageRef where) => $"{stateName}-ids-{where.Month}-{where.Page}";
}

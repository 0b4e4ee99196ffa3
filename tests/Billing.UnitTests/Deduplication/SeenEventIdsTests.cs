using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Usage;

namespace Billing.UnitTests.Deduplication;

public sealed class SeenEventIdsTests
{
    private static readonly BillingMonth November = new(2026, 11);
    private static readonly BillingMonth December = new(2026, 12);

    [Fact]
    public void TryCount_SameIdTwice_CountsOnceAndTheCopyAsADuplicate()
    {
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored);

        Assert.True(seen.TryCount(Event("a", "2026-11-02T00:00:00Z"), null));
        Assert.False(seen.TryCount(Event("a", "2026-11-02T00:00:00Z"), null));

        Assert.Equal(1, stored.Duplicates);
        Assert.Equal(1, seen.Count);
    }

    [Fact]
    public void TryCount_NoId_AlwaysCountsAndKeepsNothing()
    {
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored);

        Assert.True(seen.TryCount(Event(null, "2026-11-02T00:00:00Z"), null));
        Assert.True(seen.TryCount(Event(null, "2026-11-02T00:00:00Z"), null));

        Assert.Equal(0, stored.Duplicates);
        Assert.Empty(stored.Months);
    }

    [Fact]
    public void TryCount_SameIdOtherCustomer_IsAnotherEvent()
    {
        var seen = new SeenEventIds(new StoredEventIds());

        Assert.True(seen.TryCount(Event("a", "2026-11-02T00:00:00Z", customer: "Emma"), null));
        Assert.True(seen.TryCount(Event("a", "2026-11-02T00:00:00Z", customer: "Noah"), null));
    }

    [Fact]
    public void TryCount_CopyWithAnotherMonthsTime_IsStillACopy()
    {
        var seen = new SeenEventIds(new StoredEventIds());

        Assert.True(seen.TryCount(Event("a", "2026-11-30T23:00:00Z"), null));
        Assert.False(seen.TryCount(Event("a", "2026-12-01T01:00:00Z"), null));
    }

    [Fact]
    public void TryCount_IdsAreCaseSensitive()
    {
        var seen = new SeenEventIds(new StoredEventIds());

        Assert.True(seen.TryCount(Event("abc", "2026-11-02T00:00:00Z"), null));
        Assert.True(seen.TryCount(Event("ABC", "2026-11-02T00:00:00Z"), null));
    }

    [Fact]
    public void TryCount_MonthBeforeTheHorizon_CountsWithoutKeepingTheId()
    {
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored);

        Assert.True(seen.TryCount(Event("old", "2026-10-15T00:00:00Z"), keepFrom: November));
        Assert.True(seen.TryCount(Event("old", "2026-10-15T00:00:00Z"), keepFrom: November));

        Assert.Empty(stored.Months);
    }

    [Fact]
    public void StoredState_ReadAgain_KnowsEveryId()
    {
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored);
        seen.TryCount(Event("a", "2026-11-02T00:00:00Z"), null);
        seen.TryCount(Event("b", "2026-12-02T00:00:00Z"), null);
        seen.SyncTails();

        var again = new SeenEventIds(stored);

        Assert.False(again.TryCount(Event("a", "2026-11-09T00:00:00Z"), null));
        Assert.False(again.TryCount(Event("b", "2026-12-09T00:00:00Z"), null));
        Assert.True(again.TryCount(Event("c", "2026-12-09T00:00:00Z"), null));
    }

    [Fact]
    public void SyncTails_NotCalled_StoredStateLacksTheNewIds()
    {
        // The ids reach the stored state only with the write that also stores the totals they guard.
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored);
        seen.TryCount(Event("a", "2026-11-02T00:00:00Z"), null);

        Assert.Empty(stored.Months[November].Tail);
    }

    [Fact]
    public void TryCount_TailFills_BecomesAPageToStoreFirst()
    {
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored, pageSize: 3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            seen.TryCount(Event(id, "2026-11-02T00:00:00Z"), null);
        }

        var pages = seen.TakeFullPages();
        seen.SyncTails();

        var page = Assert.Single(pages);
        Assert.Equal(new EventIdPageRef(November, 0), page.Where);
        Assert.Equal(3 * EventKey.Size, page.Page.Keys.Length);
        Assert.Equal(1, stored.Months[November].StoredPages);
        Assert.Equal(EventKey.Size, stored.Months[November].Tail.Length);
        Assert.Empty(seen.TakeFullPages());
    }

    [Fact]
    public void TryCount_IdsMovedIntoAFullPage_AreStillKnown()
    {
        var seen = new SeenEventIds(new StoredEventIds(), pageSize: 3);
        string[] ids = ["a", "b", "c", "d"];
        foreach (var id in ids)
        {
            seen.TryCount(Event(id, "2026-11-02T00:00:00Z"), null);
        }

        Assert.All(ids, id => Assert.False(seen.TryCount(Event(id, "2026-11-02T00:00:00Z"), null)));
    }

    [Fact]
    public void TryCount_MoreIdsThanAShortScan_AreAllKnownAndNewOnesStillCount()
    {
        var seen = new SeenEventIds(new StoredEventIds());
        var ids = Enumerable.Range(0, 100).Select(i => $"id-{i}").ToList();
        Assert.All(ids, id => Assert.True(seen.TryCount(Event(id, "2026-11-02T00:00:00Z"), null)));

        Assert.All(ids, id => Assert.False(seen.TryCount(Event(id, "2026-11-02T00:00:00Z"), null)));
        Assert.True(seen.TryCount(Event("id-100", "2026-11-02T00:00:00Z"), null));
        Assert.Equal(101, seen.Count);
    }

    [Fact]
    public void StoredPages_LoadedAgain_KnowEveryId()
    {
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored, pageSize: 2);
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            seen.TryCount(Event(id, "2026-11-02T00:00:00Z"), null);
        }

        var pages = seen.TakeFullPages();
        seen.SyncTails();

        var again = new SeenEventIds(stored, pageSize: 2);
        Assert.Equal([new EventIdPageRef(November, 0), new EventIdPageRef(November, 1)], again.StoredPages);
        foreach (var page in pages)
        {
            again.LoadPage(page.Where.Month, page.Page.Keys);
        }

        Assert.Equal(5, again.Count);
        Assert.All(new[] { "a", "b", "c", "d", "e" }, id => Assert.False(again.TryCount(Event(id, "2026-11-03T00:00:00Z"), null)));
    }

    [Fact]
    public void StoredPages_PageLeftOverFromACrash_IsNotRead()
    {
        // A page written before a crash that kept its state from being written: the state still counts the
        // ids in its tail, and the stored pages it names do not include the leftover.
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored, pageSize: 2);
        seen.TryCount(Event("a", "2026-11-02T00:00:00Z"), null);
        seen.SyncTails();
        var before = new StoredEventIds { Months = { [November] = new EventIdMonth { Tail = stored.Months[November].Tail } } };
        seen.TryCount(Event("b", "2026-11-02T00:00:00Z"), null);
        Assert.Single(seen.TakeFullPages());

        var afterCrash = new SeenEventIds(before, pageSize: 2);

        Assert.Empty(afterCrash.StoredPages);
        Assert.True(afterCrash.TryCount(Event("b", "2026-11-02T00:00:00Z"), null));
        var rewritten = Assert.Single(afterCrash.TakeFullPages());
        Assert.Equal(new EventIdPageRef(November, 0), rewritten.Where);
    }

    [Fact]
    public void Forget_MonthsBeforeTheHorizon_LeaveTheLookupAndTheStateAndNameTheirPages()
    {
        var stored = new StoredEventIds();
        var seen = new SeenEventIds(stored, pageSize: 1);
        seen.TryCount(Event("a", "2026-11-02T00:00:00Z"), null);
        seen.TryCount(Event("b", "2026-11-03T00:00:00Z"), null);
        seen.TryCount(Event("c", "2026-12-02T00:00:00Z"), null);

        var pages = seen.Forget(December);

        Assert.Equal([new EventIdPageRef(November, 0), new EventIdPageRef(November, 1)], pages);
        Assert.Equal([December], stored.Months.Keys);
        Assert.True(seen.TryCount(Event("a", "2026-12-05T00:00:00Z"), December));
        Assert.False(seen.TryCount(Event("c", "2026-12-05T00:00:00Z"), December));
    }

    [Fact]
    public void Forget_NoWatermark_KeepsEverything()
    {
        var seen = new SeenEventIds(new StoredEventIds());
        seen.TryCount(Event("a", "2026-11-02T00:00:00Z"), null);

        Assert.Empty(seen.Forget(null));
        Assert.Equal(1, seen.Count);
    }

    internal static BillableEvent Event(string? id, string time, string customer = "Emma") =>
        new(customer, EventType.Call, 1.00m, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), id);
}

using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>
/// The customers of one directory shard in <see cref="CustomerDirectory.PagesPerShard"/> pages, each stored as
/// a state of its own. A report changes the pages of the customers it names and marks them dirty, so the
/// shard writes those pages only: a report's cost follows the customers it names, not the size of the shard
/// (with the whole shard in one state, 100,000 new customers cost every shard a rewrite of all it held, once
/// per batch of reports).
/// </summary>
public sealed class DirectoryPages
{
    private readonly Dictionary<int, CustomerDirectoryState> pages = [];
    private readonly SortedSet<int> dirty = [];
    private readonly OpenWindowTally tally = new();

    /// <summary>Page <paramref name="number"/>, read or created.</summary>
    public CustomerDirectoryState Page(int number) => pages[number];

    /// <summary>Every customer of the shard, in ordinal order.</summary>
    public IReadOnlyList<string> Customers() =>
        [.. pages.Values.SelectMany(page => page.Customers).Order(StringComparer.Ordinal)];

    /// <summary>The customers whose next invoice is due once <paramref name="closedThrough"/> has closed.</summary>
    public IReadOnlyList<string> DueThrough(BillingMonth? closedThrough) =>
        [.. pages.Values.SelectMany(page => page.NextClosing).Where(entry => entry.Value <= closedThrough).Select(entry => entry.Key)];

    /// <summary>Whether any customer of the shard waits for an invoice.</summary>
    public bool AnyDue => pages.Values.Any(page => page.NextClosing.Count > 0);

    /// <summary>Per month, oldest first, how many customers hold its window.</summary>
    public IReadOnlyList<OpenWindowCount> CountOpenWindows() => tally.Count();

    /// <summary>Takes a page as read from storage (at activation, before any report).</summary>
    public void Load(int page, CustomerDirectoryState stored)
    {
        pages[page] = stored;
        tally.Include(stored);
    }

    /// <summary>Whether <paramref name="customer"/> is in the shard.</summary>
    public bool Contains(string customer) =>
        pages.TryGetValue(CustomerDirectory.PageOf(customer), out var page) && page.Customers.Contains(customer);

    /// <summary>Records what <paramref name="customer"/> holds now; its page is dirty when that changed anything.</summary>
    public void Report(CustomerMonths customer)
    {
        var number = CustomerDirectory.PageOf(customer.Customer);
        if (!pages.TryGetValue(number, out var page))
        {
            page = pages[number] = new CustomerDirectoryState();
        }

        var changed = tally.Report(page, customer.Customer, customer.OpenMonths);
        changed |= SetNextClosing(page, customer.Customer, customer.NextClosing);
        if (changed)
        {
            dirty.Add(number);
        }
    }

    /// <summary>The pages changed since the last call, in page order; they are clean afterwards.</summary>
    public IReadOnlyList<int> TakeDirty()
    {
        List<int> taken = [.. dirty];
        dirty.Clear();
        return taken;
    }

    private static bool SetNextClosing(CustomerDirectoryState page, string customer, BillingMonth? nextClosing)
    {
        if (nextClosing is not { } month)
        {
            return page.NextClosing.Remove(customer);
        }

        if (page.NextClosing.TryGetValue(customer, out var before) && before == month)
        {
            return false;
        }

        page.NextClosing[customer] = month;
        return true;
    }
}

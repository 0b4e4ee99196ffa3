using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>
/// Records what customers report into the <see cref="CustomerDirectoryState"/> page that holds them and keeps,
/// alongside, how many customers hold each month's window, so that counting open windows never walks every
/// customer. The counts are derived, not stored: they are rebuilt from the pages when the directory activates.
/// </summary>
public sealed class OpenWindowTally
{
    private readonly SortedDictionary<BillingMonth, int> windows = [];

    public OpenWindowTally()
    {
    }

    /// <summary>A tally of the windows <paramref name="pages"/> already hold.</summary>
    public OpenWindowTally(IEnumerable<CustomerDirectoryState> pages)
    {
        foreach (var page in pages)
        {
            Include(page);
        }
    }

    /// <summary>Counts the windows of a page read from storage.</summary>
    public void Include(CustomerDirectoryState page)
    {
        foreach (var months in page.OpenMonths.Values)
        {
            Count(months, +1);
        }
    }

    /// <summary>
    /// Adds <paramref name="customer"/> to <paramref name="page"/> if new and replaces the months it holds with
    /// <paramref name="openMonths"/> (in any order; a month named twice is one window).
    /// </summary>
    /// <returns>True when the page changed and must be written.</returns>
    public bool Report(CustomerDirectoryState page, string customer, IReadOnlyList<BillingMonth> openMonths)
    {
        var added = page.Customers.Add(customer);
        BillingMonth[] months = [.. openMonths.Distinct().Order()];
        var before = page.OpenMonths.GetValueOrDefault(customer) ?? [];
        if (before.AsSpan().SequenceEqual(months))
        {
            return added;
        }

        Count(before, -1);
        Count(months, +1);
        if (months.Length == 0)
        {
            page.OpenMonths.Remove(customer);
        }
        else
        {
            page.OpenMonths[customer] = months;
        }

        return true;
    }

    /// <summary>Per month, oldest first, how many customers hold its window; months nobody holds are left out.</summary>
    public IReadOnlyList<OpenWindowCount> Count() => [.. windows.Select(entry => new OpenWindowCount(entry.Key, entry.Value))];

    private void Count(BillingMonth[] months, int change)
    {
        foreach (var month in months)
        {
            var windowsNow = windows.GetValueOrDefault(month) + change;
            if (windowsNow == 0)
            {
                windows.Remove(month);
            }
            else
            {
                windows[month] = windowsNow;
            }
        }
    }
}

using Billing.Usage;

namespace Billing.Grains;

/// <summary>
/// The customers that have had events, so that people can pick one, and the months each holds not invoiced
/// yet, so that admins see how many windows are open. Key 0: there is one directory.
/// </summary>
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds <paramref name="customer"/> if it is new, and records <paramref name="openMonths"/> as the months it
    /// holds that are not invoiced yet (open or closing windows), replacing what it reported before. Reporting
    /// the same again changes nothing.
    /// </summary>
    Task ReportAsync(string customer, IReadOnlyList<BillingMonth> openMonths);

    /// <summary>Every customer, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Per month, oldest first, how many customers have that month's window open; months no customer holds are left out.</summary>
    Task<IReadOnlyList<OpenWindowCount>> CountOpenWindowsAsync();
}

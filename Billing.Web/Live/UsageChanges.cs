using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>What a pushed usage tells a page beyond its numbers.</summary>
public static class UsageChanges
{
    /// <summary>
    /// Whether a month shown in <paramref name="shown"/> is no longer open in <paramref name="latest"/>: its
    /// invoice was issued, so the page reads the invoice list again.
    /// </summary>
    public static bool MonthInvoiced(CustomerUsage? shown, CustomerUsage latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        return shown is not null && shown.OpenMonths.Any(month => latest.OpenMonths.All(open => open.Month != month.Month));
    }
}

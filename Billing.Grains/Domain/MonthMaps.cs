using System.Runtime.InteropServices;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>State kept per calendar month: windows, late usage, type totals.</summary>
internal static class MonthMaps
{
    /// <summary>The entry of <paramref name="month"/>, added empty when there is none yet.</summary>
    public static T GetOrAdd<T>(this Dictionary<BillingMonth, T> months, BillingMonth month)
        where T : new()
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(months, month, out var exists);
        if (!exists)
        {
            entry = new T();
        }

        return entry!;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Billing.Grains.Domain;
using Billing.Usage;

namespace Billing.Web.Api;

/// <summary>
/// What <c>GET /api/customers/top</c> asks: a month (<c>yyyy-MM</c>; when left out, the latest month with
/// standings) and how many customers (1 to <see cref="MaxCount"/>, <see cref="DefaultCount"/> when left out).
/// </summary>
public sealed record TopCustomersQuery(BillingMonth? Month, int Count)
{
    /// <summary>What the admin view shows.</summary>
    public const int DefaultCount = 10;

    /// <summary>As deep as the leaderboard keeps.</summary>
    public const int MaxCount = CustomerRanking.Depth;

    /// <summary>Reads the query string's values as they came.</summary>
    /// <param name="month">The <c>month</c> value, null when absent.</param>
    /// <param name="count">The <c>count</c> value, null when absent.</param>
    /// <param name="query">The query, when it is one.</param>
    /// <param name="problem">Why the query is refused, for a 400.</param>
    public static bool TryRead(
        string? month, string? count, [NotNullWhen(true)] out TopCustomersQuery? query, [NotNullWhen(false)] out string? problem)
    {
        (query, problem) = (null, null);
        BillingMonth? askedMonth = null;
        if (month is not null)
        {
            if (!BillingMonth.TryParse(month, out var parsed))
            {
                problem = $"'{month}' is not a month; write it yyyy-MM, for example 2026-09.";
                return false;
            }

            askedMonth = parsed;
        }

        var askedCount = DefaultCount;
        if (count is not null
            && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out askedCount) || askedCount is < 1 or > MaxCount))
        {
            problem = $"'{count}' is not a count; ask for 1 to {MaxCount} customers.";
            return false;
        }

        query = new TopCustomersQuery(askedMonth, askedCount);
        return true;
    }
}

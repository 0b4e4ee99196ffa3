using Billing.Usage;
using Billing.Web.Api;

namespace Billing.Web.Admin;

/// <summary>What the top-customers panel shows: the latest open month's top customers, and open windows per month.</summary>
/// <param name="Top">The latest month's standings; null while no month has usage.</param>
/// <param name="Windows">
/// Per month, oldest first, how many customers have its window open, from the shared pipeline status; null
/// while that cannot be read.
/// </param>
public sealed record TopCustomersView(MonthStandings? Top, IReadOnlyList<OpenWindowsResponse>? Windows);

using Billing.Usage;

namespace Billing.Web.Api;

/// <summary>
/// <c>GET /api/customers/top</c>: the customers with the highest totals so far in a month not closed yet,
/// highest first (equal totals in ordinal order of the id). <c>Month</c> is null when no month has usage yet.
/// </summary>
public sealed record TopCustomersResponse(string? Month, string Currency, IReadOnlyList<CustomerStandingResponse> Customers)
{
    public static TopCustomersResponse From(MonthStandings? standings, string currency) => new(
        standings?.Month.ToString(),
        currency,
        [.. (standings?.Customers ?? []).Select(standing => new CustomerStandingResponse(standing.Customer, Amounts.Format(standing.Total), standing.UpdatedAt))]);
}

/// <summary>One customer's total so far in the month, and when its usage last changed.</summary>
public sealed record CustomerStandingResponse(string Customer, string Total, DateTimeOffset UpdatedAt);

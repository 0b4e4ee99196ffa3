using Billing.Events;
using Billing.Money;
using Billing.Usage;

namespace Billing.Web.Api;

/// <summary>
/// <c>GET /api/customers/{customer}/usage</c>: every month not invoiced yet (status <c>open</c> or
/// <c>closing</c>) with its per-type breakdown, late usage waiting for the next invoice, the late-event count,
/// and how many records were copies of an event already counted (the same id) and were not counted again.
/// </summary>
public sealed record CustomerUsageResponse(
    string Customer,
    string Currency,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<MonthUsageResponse> Months,
    IReadOnlyList<AdjustmentResponse> PendingAdjustments,
    int LateEvents,
    long Duplicates)
{
    public static CustomerUsageResponse From(CustomerUsage usage, string currency) => new(
        usage.Customer,
        currency,
        usage.UpdatedAt,
        [.. usage.OpenMonths.Select(MonthUsageResponse.From)],
        [.. usage.PendingAdjustments.Select(AdjustmentResponse.From)],
        usage.LateEvents,
        usage.Duplicates);
}

/// <summary>One open month of a customer.</summary>
public sealed record MonthUsageResponse(string Month, string Status, int Count, string Total, IReadOnlyList<TypeTotalResponse> Types)
{
    public static MonthUsageResponse From(MonthUsage month) => new(
        month.Month.ToString(),
        month.Status,
        month.Count,
        Amounts.Format(month.Total),
        [.. month.ByType.Select(type => new TypeTotalResponse(type.Type.WireName(), type.Count, Amounts.Format(type.Total)))]);
}

/// <summary>Count and total of one type within a month.</summary>
public sealed record TypeTotalResponse(string Type, int Count, string Total);

/// <summary>
/// <c>GET /api/types/{type}/usage</c>: every month with the type's count and total across customers, and how many
/// records of the type were copies of an event already counted.
/// </summary>
public sealed record EventTypeUsageResponse(string Type, string Currency, DateTimeOffset? UpdatedAt, IReadOnlyList<TypeMonthResponse> Months, long Duplicates)
{
    public static EventTypeUsageResponse From(EventTypeUsage usage, string currency) => new(
        usage.Type.WireName(),
        currency,
        usage.UpdatedAt,
        [.. usage.Months.Select(month => new TypeMonthResponse(month.Month.ToString(), month.Count, Amounts.Format(month.Total)))],
        usage.Duplicates);
}

/// <summary>One month of an event type.</summary>
public sealed record TypeMonthResponse(string Month, int Count, string Total);

/// <summary>Amounts travel as strings with the currency's two minor digits.</summary>
public static class Amounts
{
    public const int MinorDigits = 2;

    public static string Format(decimal amount) => MoneyText.Format(amount, MinorDigits);
}

namespace Billing.Web.Admin;

/// <summary>The customers whose id contains a search text (ignoring case), in id order, at most a given number shown.</summary>
public sealed record CustomerMatches(int Total, IReadOnlyList<string> Shown)
{
    public static CustomerMatches Find(IEnumerable<string> customers, string? query, int maxShown)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var text = query?.Trim() ?? "";
        var all = customers
            .Where(customer => text.Length == 0 || customer.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new CustomerMatches(all.Count, [.. all.Take(maxShown)]);
    }
}

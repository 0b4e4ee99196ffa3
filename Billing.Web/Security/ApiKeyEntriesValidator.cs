using System.Globalization;
using Billing.Records;

namespace Billing.Web.Security;

/// <summary>Checks configured API keys; every problem names its configuration key.</summary>
public static class ApiKeyEntriesValidator
{
    private static readonly int MaxCustomerLength = new RecordCodecOptions().MaxCustomerLength;

    /// <summary>Problems of <paramref name="entries"/>, each named <c>Billing:ApiKeys:{n}</c> by the entry's position.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ApiKeyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Validate(entries, [.. entries.Select((_, n) => string.Create(CultureInfo.InvariantCulture, $"{ApiKeyRing.SectionName}:{n}"))]);
    }

    /// <summary>
    /// Problems of <paramref name="entries"/>, each named by its configuration path in <paramref name="paths"/>
    /// (configured indices need not run 0, 1, 2, …).
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ApiKeyEntry> entries, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count != entries.Count)
        {
            throw new ArgumentException("One path per entry.", nameof(paths));
        }

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var n = 0; n < entries.Count; n++)
        {
            var entry = entries[n];
            var prefix = paths[n];
            if (entry.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
            {
                problems.Add($"{prefix}:Sha256 must be 64 hex digits (the SHA-256 of the key).");
            }
            else if (!seen.Add(hash))
            {
                problems.Add($"{prefix}:Sha256 is configured twice.");
            }

            problems.AddRange(RoleProblems(entry, prefix));
        }

        return problems;
    }

    /// <summary>
    /// A customer's key has <c>:Customer</c> alone; an admin key <c>:Role=Admin</c> alone; an ingest key
    /// <c>:Role=Ingest</c>, with <c>:Customer</c> when it may send only that customer's events.
    /// </summary>
    private static IEnumerable<string> RoleProblems(ApiKeyEntry entry, string prefix)
    {
        var customer = entry.CustomerOrNull;
        var hasRole = !string.IsNullOrWhiteSpace(entry.Role);
        if (!hasRole && customer is null)
        {
            yield return $"{prefix} needs :Customer (a customer's key), :Role={BillingClaims.AdminRole} (an admin key) " +
                $"or :Role={BillingClaims.IngestRole} (a key that sends events, limited to one customer by :Customer).";
        }
        else if (hasRole && !entry.IsAdmin && !entry.IsIngest)
        {
            yield return $"{prefix}:Role must be {BillingClaims.AdminRole} or {BillingClaims.IngestRole} (was '{entry.Role}').";
        }
        else if (entry.IsAdmin && customer is not null)
        {
            yield return $"{prefix} has both :Customer and :Role={BillingClaims.AdminRole}: an admin key reads every customer, " +
                $"so give it no :Customer (or drop :Role for a key of customer '{customer}').";
        }
        else if (customer is not null && CustomerIds.Problem(customer, MaxCustomerLength) is { } customerProblem)
        {
            // The codec refuses such an id, so the key could never read or send anything of it.
            yield return $"{prefix}:Customer '{customer}' {customerProblem}.";
        }
    }
}

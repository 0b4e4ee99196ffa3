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

            var hasCustomer = !string.IsNullOrWhiteSpace(entry.Customer);
            var hasRole = !string.IsNullOrWhiteSpace(entry.Role);
            if (hasCustomer == hasRole)
            {
                problems.Add($"{prefix} needs exactly one of :Customer (a customer id) and :Role (Admin).");
            }
            else if (hasRole && !string.Equals(entry.Role, BillingClaims.AdminRole, StringComparison.Ordinal))
            {
                problems.Add($"{prefix}:Role must be {BillingClaims.AdminRole} (was '{entry.Role}').");
            }
            else if (hasCustomer && CustomerIds.Problem(entry.Customer!, MaxCustomerLength) is { } customerProblem)
            {
                // The codec refuses such an id, so the key could never read anything.
                problems.Add($"{prefix}:Customer '{entry.Customer}' {customerProblem}.");
            }
        }

        return problems;
    }
}

using System.Globalization;

namespace Billing.Web.Security;

/// <summary>Checks configured API keys; every problem names its configuration key.</summary>
public static class ApiKeyEntriesValidator
{
    public static IReadOnlyList<string> Validate(IReadOnlyList<ApiKeyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var n = 0; n < entries.Count; n++)
        {
            var entry = entries[n];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{ApiKeyRing.SectionName}:{n}");
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
        }

        return problems;
    }
}

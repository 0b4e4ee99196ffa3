using System.Net;

namespace Billing.Web.Security;

/// <summary>Checks <see cref="BillingOidcOptions"/>; every problem names its configuration key.</summary>
public static class BillingOidcOptionsValidator
{
    public static IReadOnlyList<string> Validate(BillingOidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!options.IsEnabled)
        {
            return problems;
        }

        const string prefix = BillingOidcOptions.SectionName;
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && IsLoopback(authority))))
        {
            problems.Add($"{prefix}:Authority must be an absolute https URL (http only on a loopback address); was '{options.Authority}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Any(char.IsWhiteSpace))
        {
            problems.Add($"{prefix}:ClientId is required when {prefix}:Authority is set, without spaces.");
        }

        if (string.IsNullOrWhiteSpace(options.CustomerClaim))
        {
            problems.Add($"{prefix}:CustomerClaim must not be empty (default {BillingClaims.Customer}).");
        }

        if (string.IsNullOrWhiteSpace(options.AdminRole))
        {
            problems.Add($"{prefix}:AdminRole must not be empty (default billing-admin).");
        }

        return problems;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}

using System.Security.Claims;

namespace Billing.Web.Security;

/// <summary>
/// Turns what an OpenID Connect provider says about a user into the app's claims: the configured customer
/// claim becomes <see cref="BillingClaims.Customer"/>, the configured admin role becomes
/// <see cref="BillingClaims.AdminRole"/>. Nothing else from the provider is kept in the cookie.
/// </summary>
public static class OidcClaimsMapper
{
    private static readonly string[] RoleClaimTypes = ["role", "roles", ClaimTypes.Role];

    private static readonly string[] NameClaimTypes = ["name", "preferred_username", "email", "sub", ClaimTypes.Name, ClaimTypes.NameIdentifier];

    /// <summary>The app's identity for <paramref name="provided"/>, or null when it is neither a customer nor an admin.</summary>
    public static ClaimsIdentity? Map(ClaimsPrincipal provided, BillingOidcOptions options, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(provided);
        ArgumentNullException.ThrowIfNull(options);
        var customer = provided.FindFirst(options.CustomerClaim)?.Value;
        var isAdmin = provided.Claims.Any(claim =>
            RoleClaimTypes.Contains(claim.Type, StringComparer.Ordinal) && string.Equals(claim.Value, options.AdminRole, StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(customer) && !isAdmin)
        {
            return null;
        }

        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        var name = NameClaimTypes.Select(type => provided.FindFirst(type)?.Value).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        identity.AddClaim(new Claim(ClaimTypes.Name, name ?? customer ?? "admin"));
        if (!string.IsNullOrWhiteSpace(customer))
        {
            identity.AddClaim(new Claim(BillingClaims.Customer, customer));
        }

        if (isAdmin)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, BillingClaims.AdminRole));
        }

        return identity;
    }
}

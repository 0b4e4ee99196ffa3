using System.Security.Claims;

namespace Billing.Web.Security;

/// <summary>Who may read a customer's usage and invoices: that customer, and admins.</summary>
public static class CustomerAccess
{
    public static bool IsAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(BillingClaims.AdminRole);
    }

    /// <summary>The customer <paramref name="user"/> reads as, or null for admins and anonymous callers.</summary>
    public static string? CustomerOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(BillingClaims.Customer)?.Value;
    }

    /// <summary>
    /// Whether <paramref name="user"/> reads anything at all: an admin, or a customer. Ingest keys do not: the
    /// app's default policy (every page and read route) asks for this.
    /// </summary>
    public static bool IsReader(ClaimsPrincipal user) => IsAdmin(user) || CustomerOf(user) is not null;

    /// <summary>Whether <paramref name="user"/> may send events (<c>POST /api/events</c>): an ingest key, never a cookie session.</summary>
    public static bool MayIngest(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(BillingClaims.IngestRole)
            && user.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName);
    }

    /// <summary>
    /// Whether <paramref name="user"/>, allowed to send events, may send <paramref name="customer"/>'s: its key is
    /// for any customer, or for exactly this one (case-sensitive).
    /// </summary>
    public static bool MayIngestFor(ClaimsPrincipal user, string customer)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(BillingClaims.IngestCustomer)?.Value is not { } only || string.Equals(only, customer, StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="user"/> may read <paramref name="customer"/> (ids are case-sensitive).</summary>
    public static bool MayRead(ClaimsPrincipal user, string customer) =>
        IsAdmin(user) || string.Equals(CustomerOf(user), customer, StringComparison.Ordinal);
}

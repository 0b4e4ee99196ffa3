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

    /// <summary>Whether <paramref name="user"/> may read <paramref name="customer"/> (ids are case-sensitive).</summary>
    public static bool MayRead(ClaimsPrincipal user, string customer) =>
        IsAdmin(user) || string.Equals(CustomerOf(user), customer, StringComparison.Ordinal);
}

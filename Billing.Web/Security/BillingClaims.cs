namespace Billing.Web.Security;

/// <summary>The claims every way of signing in (API key, sign-in form, OpenID Connect) ends up with.</summary>
public static class BillingClaims
{
    /// <summary>The customer id a principal may read; absent for admins.</summary>
    public const string Customer = "billing_customer";

    /// <summary>The role (claim type <see cref="System.Security.Claims.ClaimTypes.Role"/>) that may read everything.</summary>
    public const string AdminRole = "Admin";

    /// <summary>The policy for admin-only routes: the view by event type and the pipeline status.</summary>
    public const string AdminPolicy = "billing-admin";
}

namespace Billing.Web.Security;

/// <summary>The claims every way of signing in (API key, sign-in form, OpenID Connect) ends up with.</summary>
public static class BillingClaims
{
    /// <summary>The customer id a principal may read; absent for admins.</summary>
    public const string Customer = "billing_customer";

    /// <summary>The role (claim type <see cref="System.Security.Claims.ClaimTypes.Role"/>) that may read everything.</summary>
    public const string AdminRole = "Admin";

    /// <summary>
    /// The role of API keys that send events (<c>POST /api/events</c>) and read nothing: neither a route of the
    /// API nor a page answers them.
    /// </summary>
    public const string IngestRole = "Ingest";

    /// <summary>The one customer whose events an ingest key may send; absent when it may send any customer's.</summary>
    public const string IngestCustomer = "billing_ingest_customer";

    /// <summary>
    /// The lowercase hex SHA-256 of the API key a principal signed in with (as configured); absent for OpenID
    /// Connect sign-ins. A session ends when its key is no longer configured for it.
    /// </summary>
    public const string KeyHash = "billing_key_sha256";

    /// <summary>The id of a browser's server-side session (<see cref="GrainTicketStore"/>); absent for API keys.</summary>
    public const string Session = "billing_session";

    /// <summary>The policy for admin-only routes: the view by event type and the pipeline status.</summary>
    public const string AdminPolicy = "billing-admin";

    /// <summary>The policy of <c>POST /api/events</c>: an ingest key, presented as a key (never a cookie session).</summary>
    public const string IngestPolicy = "billing-ingest";
}

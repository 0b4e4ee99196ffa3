namespace Billing.Web.Security;

/// <summary>
/// One configured API key, <c>Billing:ApiKeys:{n}</c>: only the hash of the key is configured. The key reads one
/// customer (<see cref="Customer"/> alone), reads everything (<see cref="Role"/> <c>Admin</c>), or sends events
/// (<see cref="Role"/> <c>Ingest</c>, for one customer when <see cref="Customer"/> is set too, else for any).
/// </summary>
public sealed class ApiKeyEntry
{
    /// <summary>Hex SHA-256 of the key's UTF-8 bytes (64 hex digits, either case).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The customer id the key reads as or, with <see cref="Role"/> <c>Ingest</c>, the only customer it sends events for.</summary>
    public string? Customer { get; set; }

    /// <summary><c>Admin</c> (without <see cref="Customer"/>) or <c>Ingest</c>; unset for a customer's key.</summary>
    public string? Role { get; set; }

    /// <summary>Whether this is an admin key.</summary>
    internal bool IsAdmin => string.Equals(Role, BillingClaims.AdminRole, StringComparison.Ordinal);

    /// <summary>Whether this is an ingest key.</summary>
    internal bool IsIngest => string.Equals(Role, BillingClaims.IngestRole, StringComparison.Ordinal);

    /// <summary>
    /// The configured customer, or null when none is: an empty <c>:Customer</c> (an environment variable set to
    /// nothing) counts as none.
    /// </summary>
    internal string? CustomerOrNull => string.IsNullOrWhiteSpace(Customer) ? null : Customer;
}

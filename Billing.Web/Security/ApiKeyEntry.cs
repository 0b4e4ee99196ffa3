namespace Billing.Web.Security;

/// <summary>
/// One configured API key, <c>Billing:ApiKeys:{n}</c>: only the hash of the key is configured, and the key
/// is for exactly one customer or for the <c>Admin</c> role.
/// </summary>
public sealed class ApiKeyEntry
{
    /// <summary>Hex SHA-256 of the key's UTF-8 bytes (64 hex digits, either case).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The customer id the key reads as; set this or <see cref="Role"/>.</summary>
    public string? Customer { get; set; }

    /// <summary><c>Admin</c>; set this or <see cref="Customer"/>.</summary>
    public string? Role { get; set; }
}

namespace Billing.Web.Security;

/// <summary>
/// Browser sign-in through an OpenID Connect provider, <c>Authentication:Oidc</c>. Unset
/// <see cref="Authority"/> (the default) means no OpenID Connect: the sign-in page takes an API key instead.
/// </summary>
public sealed class BillingOidcOptions
{
    public const string SectionName = "Authentication:Oidc";

    /// <summary>The provider's issuer URL (https; plain http only on a loopback address, for development and tests).</summary>
    public string? Authority { get; set; }

    /// <summary>This app's client id at the provider; required when <see cref="Authority"/> is set.</summary>
    public string? ClientId { get; set; }

    /// <summary>This app's client secret, if the provider gave it one (the code flow uses PKCE either way). Never logged.</summary>
    [Redact]
    public string? ClientSecret { get; set; }

    /// <summary>The provider's claim that holds the billing customer id. Default <c>billing_customer</c>.</summary>
    public string CustomerClaim { get; set; } = BillingClaims.Customer;

    /// <summary>The provider's role (claim <c>role</c> or <c>roles</c>) that makes an admin. Default <c>billing-admin</c>.</summary>
    public string AdminRole { get; set; } = "billing-admin";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}

using Microsoft.AspNetCore.Authentication.Cookies;

namespace Billing.Web.Security;

/// <summary>The authentication schemes of the web app.</summary>
public static class BillingSchemes
{
    /// <summary>
    /// The default scheme: forwards to <see cref="ApiKeyAuthenticationHandler.SchemeName"/> when the request
    /// carries an <c>Authorization</c> header, else to <see cref="Cookie"/>.
    /// </summary>
    public const string Default = "Billing";

    /// <summary>The browser's sign-in cookie (from the sign-in form or OpenID Connect).</summary>
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>OpenID Connect, registered only when <c>Authentication:Oidc:Authority</c> is set.</summary>
    public const string OpenIdConnect = "oidc";

    /// <summary>The HTTP API's paths: a challenge there answers 401, never a redirect to the sign-in page.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/customers", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/types", StringComparison.OrdinalIgnoreCase);
}

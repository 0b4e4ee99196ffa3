namespace Billing.Web.Security;

/// <summary>
/// Headers on every response: a content security policy that Blazor Server works under (scripts only from
/// this origin, the circuit's WebSocket, inline styles for the framework's reconnect dialog), no framing,
/// no content sniffing, no referrer.
/// </summary>
public sealed class SecurityHeaders(string contentSecurityPolicy)
{
    public string ContentSecurityPolicy { get; } = contentSecurityPolicy;

    /// <summary>The policy; forms may also post to <paramref name="oidcAuthority"/>'s origin when it is set.</summary>
    public static SecurityHeaders For(Uri? oidcAuthority)
    {
        var formAction = oidcAuthority is null ? "'self'" : $"'self' {oidcAuthority.GetLeftPart(UriPartial.Authority)}";
        return new SecurityHeaders(string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            $"form-action {formAction}"));
    }

    public void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Billing.Web.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>: a configured key signs in as its customer, as an admin or as an ingest key. No header
/// is no result (anonymous); a malformed header or an unknown key fails. API challenges answer 401 and
/// forbidden answers 403, each as a problem document.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.Authorization.Any())
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length
            || Request.Headers.Authorization.Count > 1)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header is not 'Bearer <key>'."));
        }

        var identity = keys.Authenticate(header[BearerPrefix.Length..].Trim(), SchemeName);
        return Task.FromResult(identity is null
            ? AuthenticateResult.Fail("The API key is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Sign in: send 'Authorization: Bearer <API key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method) ? "This key may not read this." : "This key may not do this.");

    private Task WriteProblemAsync(int status, string detail) =>
        Results.Problem(detail, statusCode: status).ExecuteAsync(Context);
}

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Billing.Web.Security;

/// <summary>
/// An open page (a Blazor circuit) checks every <see cref="SessionRules.KeyCheckInterval"/> that its session still
/// lasts and its key is still configured; when not, the page's user becomes anonymous and it is sent to sign in.
/// Without this a circuit would keep the user it started with for as long as it stays connected.
/// </summary>
internal sealed class SessionRevalidatingStateProvider(ILoggerFactory loggerFactory, GrainTicketStore sessions, ApiKeyRing keys)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionRules.KeyCheckInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        return SessionRules.KeyStillGrants(user, keys)
            && (user.FindFirst(BillingClaims.Session)?.Value is not { } session || await sessions.LastsAsync(session));
    }
}

using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Billing.Grains;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Billing.Web.Security;

/// <summary>
/// Server-side sessions for the sign-in cookie: the ticket (who signed in, with which key) lives in an
/// <see cref="IWebSessionGrain"/>, and the cookie carries only a random session id. Every request with the cookie
/// reads the session, so signing out, which ends it, refuses a replayed copy of the cookie at once, on every web
/// process of the deployment.
/// </summary>
public sealed class GrainTicketStore(IGrainFactory grains) : ITicketStore
{
    /// <inheritdoc />
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sessionId = NewSessionId();
        // The session knows its own id, so a circuit can ask later whether it still lasts.
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(BillingClaims.Session, sessionId));
        }

        await KeepAsync(sessionId, ticket);
        return sessionId;
    }

    /// <inheritdoc />
    public Task RenewAsync(string key, AuthenticationTicket ticket) => KeepAsync(key, ticket);

    /// <inheritdoc />
    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await grains.GetGrain<IWebSessionGrain>(key).GetAsync() is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    /// <inheritdoc />
    public Task RemoveAsync(string key) => grains.GetGrain<IWebSessionGrain>(key).EndAsync();

    /// <summary>Whether the session <paramref name="sessionId"/> still lasts.</summary>
    public async Task<bool> LastsAsync(string sessionId) => await grains.GetGrain<IWebSessionGrain>(sessionId).GetAsync() is not null;

    private Task KeepAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return grains.GetGrain<IWebSessionGrain>(key).KeepAsync(TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc);
    }

    /// <summary>256 random bits, URL-safe: unguessable, and usable as a grain key.</summary>
    private static string NewSessionId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}

namespace Billing.Grains;

/// <summary>
/// A signed-in browser's session on the server (key: the session id inside its sign-in cookie). The web app keeps
/// the authentication ticket here rather than in the cookie, so signing out ends the session for every web
/// process of the deployment: a copy of the cookie replayed later finds nothing. Persisted with the other grain
/// state (PostgreSQL in cluster mode).
/// </summary>
public interface IWebSessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session, or renews it, with the serialized ticket and its expiry.</summary>
    /// <param name="ticket">The authentication ticket as the web app serialized it.</param>
    /// <param name="expiresAt">When the ticket expires, if it does; the session is forgotten after that.</param>
    Task KeepAsync(byte[] ticket, DateTimeOffset? expiresAt);

    /// <summary>The serialized ticket while the session lasts; null once it ended or expired (then it is forgotten).</summary>
    Task<byte[]?> GetAsync();

    /// <summary>Ends the session: from now on <see cref="GetAsync"/> answers null.</summary>
    Task EndAsync();
}

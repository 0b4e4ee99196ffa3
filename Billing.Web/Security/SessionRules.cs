using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Billing.Web.Security;

/// <summary>
/// When a signed-in session ends besides signing out: when the API key it was signed in with is no longer
/// configured for it. That is checked at most once per <see cref="KeyCheckInterval"/> per session (the time of
/// the last check travels in the session's properties), not on every request.
/// </summary>
public static class SessionRules
{
    /// <summary>How often a session's key is checked again.</summary>
    public static readonly TimeSpan KeyCheckInterval = TimeSpan.FromMinutes(1);

    private const string KeyCheckedAtItem = ".billing.key-checked-at";

    /// <summary>Whether <paramref name="properties"/>' key was last checked a <see cref="KeyCheckInterval"/> or more before <paramref name="now"/>.</summary>
    public static bool IsKeyCheckDue(AuthenticationProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var checkedAt = properties.GetString(KeyCheckedAtItem) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : properties.IssuedUtc;
        return checkedAt is not { } at || now - at >= KeyCheckInterval;
    }

    /// <summary>Notes in <paramref name="properties"/> that the key was checked at <paramref name="now"/>.</summary>
    public static void KeyChecked(AuthenticationProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.SetString(KeyCheckedAtItem, now.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Whether <paramref name="user"/> may stay signed in as far as its key goes: its key is still configured for
    /// the same customer (or as an admin key). A sign-in without a key (OpenID Connect) has nothing to check.
    /// </summary>
    public static bool KeyStillGrants(ClaimsPrincipal user, ApiKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(keys);
        return user.FindFirst(BillingClaims.KeyHash)?.Value is not { } keyHash
            || keys.StillGrants(keyHash, CustomerAccess.IsAdmin(user) ? null : CustomerAccess.CustomerOf(user));
    }
}

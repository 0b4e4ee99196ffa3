namespace Billing.Web.Security;

/// <summary>Where a browser goes after signing in: a local return URL only, never another site.</summary>
public static class SignInRedirects
{
    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this site that a redirect can carry, else
    /// <paramref name="fallback"/>.
    /// </summary>
    public static string LocalOr(string? returnUrl, string fallback)
    {
        // A single leading slash, not "//host" or "/\host" (which browsers read as another host), no scheme; and
        // visible ASCII only: a Location header cannot carry anything else (the app's own return URLs are escaped).
        return !string.IsNullOrEmpty(returnUrl)
            && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && returnUrl.All(c => c is > ' ' and < '\u007F')
            ? returnUrl
            : fallback;
    }

    /// <summary>
    /// The home page as a path from the site's root: the request's path base (<c>Web:PathBase</c>, or a proxy's
    /// prefix), then <c>/</c>. Return URLs are such paths too, as the sign-in cookie's redirect makes them.
    /// </summary>
    public static string Home(PathString pathBase) => pathBase.ToUriComponent() + "/";
}

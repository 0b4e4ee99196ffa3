using System.Globalization;

namespace Billing.Web.Components;

/// <summary>Times as the pages show them: in UTC, with the invariant culture whatever the server's.</summary>
public static class UtcText
{
    /// <summary><c>2026-10-04 12:00:00 UTC</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary><see cref="Format(DateTimeOffset)"/>, or <paramref name="none"/> without a time.</summary>
    public static string Format(DateTimeOffset? time, string none) => time is { } t ? Format(t) : none;

    /// <summary><c>12:00:00 UTC</c>, for the time a panel was read.</summary>
    public static string TimeOfDay(DateTimeOffset time) =>
        time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}

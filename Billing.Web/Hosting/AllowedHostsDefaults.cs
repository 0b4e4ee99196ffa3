namespace Billing.Web.Hosting;

/// <summary>
/// The host names the app answers to (ASP.NET Core's <c>AllowedHosts</c>, semicolon-separated; any other
/// <c>Host</c> header gets 400). Without a list every Host is accepted and reflected into the absolute URLs the app
/// builds (redirects, the OpenID Connect callback), which is how cache poisoning and link spoofing start.
/// </summary>
/// <remarks>
/// The default is the loopback names in every mode. Embedded and external-Kafka mode run on one machine and are
/// opened as <c>http://localhost:8080</c>. A cluster is reached by a name only its operator knows: it refuses every
/// other name until <c>AllowedHosts</c> lists the public ones (and whatever Host header health probes send), so
/// it is closed until configured, never open by default.
/// </remarks>
public static class AllowedHostsDefaults
{
    /// <summary>The configuration key, as ASP.NET Core reads it.</summary>
    public const string Key = "AllowedHosts";

    /// <summary>The names of this machine's loopback interface.</summary>
    public const string Loopback = "localhost;127.0.0.1;[::1]";

    /// <summary>Sets <c>AllowedHosts</c> to <see cref="Loopback"/> unless configuration sets it.</summary>
    public static void ApplyDefault(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[Key]))
        {
            builder.Configuration[Key] = Loopback;
        }
    }
}

namespace Billing.Web.Security;

/// <summary>
/// How many live connections (Blazor circuits, <c>_blazor</c>) one client may hold, bound from the <c>Web</c>
/// configuration section; checked at start-up by <see cref="CircuitLimitOptionsValidator"/>.
/// </summary>
public sealed class CircuitLimitOptions
{
    /// <summary>
    /// Open <c>_blazor</c> connections per client address (each browser tab holds one); more are refused with 429.
    /// Behind a reverse proxy the address is the proxy's unless <c>Web:ForwardedHeaders</c> is on. Default 32.
    /// </summary>
    public int MaxCircuitsPerClient { get; set; } = 32;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Billing.Web.Security;

/// <summary>
/// Interactive pages (Blazor circuits over <c>_blazor</c>) are for signed-in users only, and one client holds at
/// most <see cref="CircuitLimitOptions.MaxCircuitsPerClient"/> of them at once. Each circuit keeps state on the
/// server, so anonymous or unbounded connections would let anyone spend the server's memory. The pages an
/// anonymous visitor may see (sign-in, sign-out, not found) are rendered without a circuit.
/// </summary>
public sealed class CircuitGate(IOptions<CircuitLimitOptions> options, ILogger<CircuitGate> logger)
{
    /// <summary>Where Blazor's server connections live, under the path base.</summary>
    public static readonly PathString HubPath = "/_blazor";

    // The negotiate step and the initializers and disconnect calls are short requests; the connection itself
    // (a WebSocket, or a long-lived server-sent-events or polling request) is what holds a circuit.
    private static readonly PathString[] ShortRequests = ["/negotiate", "/initializers", "/disconnect"];

    private readonly int limit = options.Value.MaxCircuitsPerClient;
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    /// <summary>The open connections of <paramref name="client"/>.</summary>
    public int OpenFor(string client) => open.TryGetValue(client, out var count) ? count : 0;

    /// <summary>Answers 401 to anonymous hub requests and 429 past the client's limit; otherwise passes on, counting the connection.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.Request.Path.StartsWithSegments(HubPath, out var rest))
        {
            await next(context);
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // An ingest key reads nothing, so it holds no page either.
        if (!CustomerAccess.IsReader(context.User))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (ShortRequests.Any(path => rest.StartsWithSegments(path)))
        {
            await next(context);
            return;
        }

        var client = SignInThrottle.ClientOf(context);
        if (open.AddOrUpdate(client, 1, (_, count) => count + 1) > limit)
        {
            Release(client);
            SecurityLog.CircuitLimitReached(logger, client, limit);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Release(client);
        }
    }

    private void Release(string client)
    {
        // Forget a client with no connections left, so the map holds only clients that are connected.
        if (open.AddOrUpdate(client, 0, (_, count) => count - 1) <= 0)
        {
            open.TryRemove(KeyValuePair.Create(client, 0));
        }
    }
}

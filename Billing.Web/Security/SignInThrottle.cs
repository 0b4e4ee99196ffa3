using System.Net;
using System.Threading.RateLimiting;

namespace Billing.Web.Security;

/// <summary>
/// Failed sign-ins per client address: after <see cref="FailuresPerWindow"/> failures within
/// <see cref="Window"/> further attempts from that address answer 429 until the window ends. Only failures
/// count, so a user who signs in and out often is never locked out.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const int FailuresPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerWindow,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>The partition key for a client: its address (behind a proxy, the client's only with <c>Web:ForwardedHeaders</c> on).</summary>
    public static string ClientOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.None.ToString();
    }

    /// <summary>Whether <paramref name="client"/> has used up its failures for the current window.</summary>
    public bool IsBlocked(string client) => failures.GetStatistics(client)?.CurrentAvailablePermits <= 0;

    /// <summary>Counts one failed sign-in of <paramref name="client"/>.</summary>
    public void RecordFailure(string client)
    {
        using var lease = failures.AttemptAcquire(client);
    }

    public void Dispose() => failures.Dispose();
}

using Microsoft.Extensions.Hosting;

namespace Billing.Observability.Internal;

/// <summary>
/// The monitoring server's lifetime: it neither waits for nor handles Ctrl+C and SIGTERM (the process's own host
/// does, and stops the monitoring server with everything else), and it logs no second "Application started".
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

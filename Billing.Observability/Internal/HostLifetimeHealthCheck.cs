using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Billing.Observability.Internal;

/// <summary>
/// Ready once the host has started (for a silo: it has joined the cluster; for a client: it has reached a
/// gateway) and until it begins to stop, so that an orchestrator sends no new work to a process on its way out.
/// </summary>
internal sealed class HostLifetimeHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("started")
            : HealthCheckResult.Unhealthy("starting"));
}

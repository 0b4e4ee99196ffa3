using Microsoft.Extensions.Primitives;

namespace Billing.Web.Security;

/// <summary>
/// Replaces the <see cref="ApiKeyRing"/> when configuration reloads (an edited appsettings.json, a mounted secret
/// file): a removed key stops working without a restart. A reloaded bad entry cannot stop a running app, so the
/// keys configured before stay in force and the problem is logged, naming the entry's key.
/// </summary>
internal sealed class ApiKeyReloader(IConfiguration configuration, ApiKeyRing ring, DemoKeys demoKeys, ILogger<ApiKeyReloader> logger) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Reload()
    {
        try
        {
            ring.Replace([.. ApiKeyRing.Configured(configuration), .. demoKeys.Entries()]);
            SecurityLog.ApiKeysReloaded(logger, ring.Count);
        }
        catch (InvalidOperationException problems)
        {
            SecurityLog.ApiKeysNotReloaded(logger, problems.Message);
        }
    }
}

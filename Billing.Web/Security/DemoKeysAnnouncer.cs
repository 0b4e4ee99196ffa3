namespace Billing.Web.Security;

/// <summary>Prints the embedded mode's demo keys once the app has started.</summary>
internal sealed class DemoKeysAnnouncer(DemoKeys keys, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            Console.WriteLine("Demo API keys (embedded mode only, new at every start; use as 'Authorization: Bearer <key>' or on /signin):");
            foreach (var key in keys.All)
            {
                Console.WriteLine($"  {key.Label,-10} {key.Key}");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

namespace Billing.SystemTests.Infrastructure;

/// <summary>A test OpenID Connect provider and the web app configured to sign browsers in with it.</summary>
public sealed class OidcApp : IAsyncDisposable
{
    private OidcApp(TestOidcProvider provider, WebAppHost host) => (Provider, Host) = (provider, host);

    public TestOidcProvider Provider { get; }

    public WebAppHost Host { get; }

    /// <param name="settings">More settings for the web app (<c>--Key=Value</c>).</param>
    public static async Task<OidcApp> StartAsync(params string[] settings)
    {
        var provider = await TestOidcProvider.StartAsync();
        try
        {
            var host = await WebAppHost.StartAsync(
            [
                $"--Authentication:Oidc:Authority={provider.Authority}",
                $"--Authentication:Oidc:ClientId={TestOidcProvider.ClientId}",
                $"--Authentication:Oidc:ClientSecret={TestOidcProvider.ClientSecret}",
                .. settings,
            ]);
            return new OidcApp(provider, host);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

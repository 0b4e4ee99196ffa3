namespace Billing.SystemTests.Infrastructure;

/// <summary>One <see cref="WebAppHost"/> for a whole test class: starting one takes seconds.</summary>
public abstract class WebAppFixture : IAsyncLifetime
{
    private WebAppHost? host;

    public WebAppHost Host => host ?? throw new InvalidOperationException("Not started.");

    /// <summary>Settings for the app beyond <see cref="WebAppHost"/>'s own, as <c>--Key=Value</c> command-line arguments.</summary>
    protected virtual string[] Settings => [];

    public async Task InitializeAsync() => host = await WebAppHost.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

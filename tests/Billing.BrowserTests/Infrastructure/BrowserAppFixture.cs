using Microsoft.Playwright;

namespace Billing.BrowserTests.Infrastructure;

/// <summary>
/// One test class's app and browser: the whole app in embedded mode and one chromium, started once for the class.
/// Each test opens its own context (its own cookies) with <see cref="NewPageAsync"/>.
/// </summary>
public abstract class BrowserAppFixture : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];
    private IPlaywright? playwright;
    private IBrowser? browser;
    private EmbeddedBillingApp? app;

    /// <summary>Settings beyond the embedded mode's defaults, as <c>--Key=Value</c> command-line arguments.</summary>
    protected virtual string[] Settings => [];

    public EmbeddedBillingApp App => app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>The label of Emma's demo key: what her demo sign-in button names.</summary>
    public string EmmaLabel => App.DemoKeys.For("Emma")?.Label ?? throw new InvalidOperationException("No demo key for Emma.");

    /// <summary>The label of the demo admin key: what the admin's demo sign-in button names.</summary>
    public string AdminLabel => App.DemoKeys.Admin?.Label ?? throw new InvalidOperationException("No demo admin key.");

    /// <summary>What relative addresses of <see cref="NewPageAsync"/>'s pages resolve against: the app, unless a fixture puts something in front.</summary>
    public virtual Uri BaseAddress => App.Address;

    public async Task InitializeAsync()
    {
        // Playwright's 5 s default is tight for a first render on a busy CI machine; waits that need longer say so.
        Assertions.SetDefaultExpectTimeout(15_000);
        app = await EmbeddedBillingApp.StartAsync(Settings);
        await AppStartedAsync();
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
    }

    /// <summary>Runs once the app has started, before the browser: a fixture may start more in front of the app.</summary>
    protected virtual Task AppStartedAsync() => Task.CompletedTask;

    /// <summary>Runs after the browser has closed, before the app stops.</summary>
    protected virtual ValueTask StoppingAsync() => ValueTask.CompletedTask;

    /// <summary>A page in a fresh context (no cookies), whose relative addresses resolve against <see cref="BaseAddress"/>.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            AcceptDownloads = true,
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        lock (contexts)
        {
            contexts.Add(context);
        }

        return await context.NewPageAsync();
    }

    /// <summary>Opens <c>/</c>, lands on the sign-in page and presses the demo button labelled <paramref name="label"/>.</summary>
    public async Task<IPage> SignInAsync(string label)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(SignInUrl());
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {label} (demo)", Exact = true }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(SignInUrl());
        return page;
    }

    public static System.Text.RegularExpressions.Regex SignInUrl() => new("/signin(\\?|$)");

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await StoppingAsync();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

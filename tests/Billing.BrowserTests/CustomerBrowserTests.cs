using Billing.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Billing.BrowserTests;

/// <summary>A customer in a real browser: sign-in with the demo button, the live sub-total, no admin view.</summary>
public sealed class CustomerBrowserTests(CustomerBrowserTests.App fixture) : IClassFixture<CustomerBrowserTests.App>
{
    /// <summary>The app exactly as embedded mode runs it: the generator at its default pace.</summary>
    public sealed class App : BrowserAppFixture;

    private static readonly TimeSpan FirstUsage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LiveChange = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Home_SignedInAsEmma_SubtotalChangesWithoutReload()
    {
        var page = await fixture.SignInAsync(fixture.EmmaLabel);

        var subtotal = page.Locator("[data-testid=subtotal]");
        await Expect(subtotal).ToBeVisibleAsync(new() { Timeout = (float)FirstUsage.TotalMilliseconds });
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        // The sign-in's own page load ends after the prerendered sub-total shows: count only loads after it.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);
        await page.EvaluateAsync("() => { window.billingNotReloaded = true; }");
        var first = await subtotal.TextContentAsync();

        await Expect(subtotal).Not.ToHaveTextAsync(first!, new() { Timeout = (float)LiveChange.TotalMilliseconds });

        Assert.True(await page.EvaluateAsync<bool>("() => window.billingNotReloaded === true"), "The page was reloaded.");
        Assert.Equal(0, Volatile.Read(ref loads));
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task AdminView_SignedInAsCustomer_IsSentToDenied()
    {
        var page = await fixture.SignInAsync(fixture.EmmaLabel);

        var response = await page.GotoAsync("/admin");

        Assert.Equal("/denied", new Uri(page.Url).AbsolutePath);
        Assert.Equal(200, response?.Status);
        await Expect(page).ToHaveTitleAsync("Not allowed · Queryable Billing");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=pipeline]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=type-total]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Home_SignedInAsEmma_SavesFullPageScreenshot()
    {
        var page = await fixture.SignInAsync(fixture.EmmaLabel);
        await Expect(page.Locator("[data-testid=subtotal]")).ToBeVisibleAsync(new() { Timeout = (float)FirstUsage.TotalMilliseconds });
        // The live circuit, not the prerendered page: its connection shows green.
        await Expect(page.Locator("[data-testid=connection]")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=subtotal]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var written = await Screenshots.SaveAsync(page, "customer");

        Assert.All(written, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty."));
    }
}

using Billing.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Billing.BrowserTests;

/// <summary>
/// Both pages on a phone-sized screen: nothing is wider than the screen, so the page never scrolls sideways
/// (a wide table scrolls inside its own box instead).
/// </summary>
public sealed class ResponsiveLayoutBrowserTests(ResponsiveLayoutBrowserTests.App fixture) : IClassFixture<ResponsiveLayoutBrowserTests.App>
{
    public sealed class App : BrowserAppFixture;

    private const int PhoneWidth = 360;

    private static readonly LocatorAssertionsToHaveAttributeOptions Patience = new() { Timeout = 30_000 };

    [Fact]
    public async Task CustomerDashboard_OnAPhone_DoesNotScrollSideways()
    {
        var page = await fixture.SignInAsync(fixture.EmmaLabel);
        await Expect(page.Locator("[data-testid=connection]")).ToHaveAttributeAsync("data-state", "live", Patience);
        await Expect(page.Locator("[data-testid=subtotal]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await AssertFitsAsync(page);
    }

    [Fact]
    public async Task AdminView_OnAPhone_DoesNotScrollSideways()
    {
        var page = await fixture.SignInAsync(fixture.AdminLabel);
        await page.GotoAsync("/admin");
        await Expect(page.Locator("[data-testid=types-connection]")).ToHaveAttributeAsync("data-state", "live", Patience);
        await Expect(page.Locator("[data-testid=partition]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=top-customer]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await AssertFitsAsync(page);
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        await page.SetViewportSizeAsync(PhoneWidth, 800);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var overflowing = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll-x'))
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
                .slice(0, 10)
                .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : '') + ' right=' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide on a {widths[1]} px screen; too wide: {string.Join(", ", overflowing)}");
    }
}

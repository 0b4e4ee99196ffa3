using Billing.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Billing.BrowserTests;

/// <summary>
/// The pages checked with axe-core for WCAG 2.0 and 2.1 A and AA once their live data shows, and used with the
/// keyboard alone.
/// </summary>
public sealed class AccessibilityBrowserTests(AccessibilityBrowserTests.App fixture) : IClassFixture<AccessibilityBrowserTests.App>
{
    public sealed class App : BrowserAppFixture;

    private static readonly TimeSpan FirstUsage = TimeSpan.FromSeconds(30);

    /// <summary>Enough presses to pass the sign-in page's form and every demo button, so a lost focus fails rather than loops.</summary>
    private const int MaxTabs = 40;

    [Fact]
    public async Task SignInPage_HasNoAccessibilityViolations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task CustomerDashboard_WithLiveData_HasNoAccessibilityViolations()
    {
        var page = await fixture.SignInAsync(fixture.EmmaLabel);
        await Expect(page.Locator("[data-testid=subtotal]")).ToBeVisibleAsync(new() { Timeout = (float)FirstUsage.TotalMilliseconds });
        await Expect(page.Locator("[data-testid=connection]")).ToHaveAttributeAsync("data-state", "live");

        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task AdminView_WithLiveData_HasNoAccessibilityViolations()
    {
        var page = await fixture.SignInAsync(fixture.AdminLabel);
        await page.GotoAsync("admin");
        await Expect(page.Locator("[data-testid=type-total][data-type=CALL]")).Not.ToContainTextAsync("EUR 0.00", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=partition]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=customer-match]").First).ToBeVisibleAsync();

        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task AccessibilityCheck_PageWithAnUnlabelledField_FailsNamingTheRuleAndTheElement()
    {
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync("""<html lang="en"><head><title>Broken</title></head><body><main><input id="nameless" type="text"></main></body></html>""");

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => Accessibility.AssertNoViolationsAsync(page));

        Assert.Contains("- label (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#nameless", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_KeyboardOnly_TabsToTheDemoButtonAndEnterSignsIn()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin");
        var demoButton = page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {fixture.EmmaLabel} (demo)", Exact = true });

        var presses = 0;
        while (!await IsFocusedAsync(demoButton))
        {
            Assert.True(++presses <= MaxTabs, $"{MaxTabs} Tab presses did not reach the demo button for {fixture.EmmaLabel}.");
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-testid=customer]")).ToHaveTextAsync(fixture.EmmaLabel);
        Assert.Equal(fixture.BaseAddress, new Uri(page.Url));
    }

    [Fact]
    public async Task Dashboard_FirstTab_ReachesAVisibleSkipLinkThatMovesFocusToTheContent()
    {
        var page = await fixture.SignInAsync(fixture.EmmaLabel);
        // Keys pressed on the prerendered page would act on elements the circuit then replaces.
        await Expect(page.Locator("main")).ToHaveAttributeAsync("data-interactive", "true");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });

        await page.Keyboard.PressAsync("Tab");

        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        Assert.Equal(fixture.BaseAddress, new Uri(page.Url));
    }

    private static Task<bool> IsFocusedAsync(ILocator locator) =>
        locator.EvaluateAsync<bool>("element => element === document.activeElement");
}

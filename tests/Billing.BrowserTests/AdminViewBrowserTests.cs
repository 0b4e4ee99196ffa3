using Billing.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Billing.BrowserTests;

/// <summary>The admin view at <c>/admin</c>: a total per event type and the pipeline's state.</summary>
public sealed class AdminViewBrowserTests(AdminViewBrowserTests.App fixture) : IClassFixture<AdminViewBrowserTests.App>
{
    public sealed class App : BrowserAppFixture;

    private static readonly string[] EventTypes = ["MESSAGE", "DATA", "CALL", "PACK", "MISC"];

    [Fact]
    public async Task AdminView_SignedInAsAdmin_ShowsATotalPerEventTypeAndThePipeline()
    {
        var page = await fixture.SignInAsync(fixture.AdminLabel);

        await page.GotoAsync("/admin");

        Assert.Equal("/admin", new Uri(page.Url).AbsolutePath);
        var totals = page.Locator("[data-testid=type-total]");
        await Expect(totals).ToHaveCountAsync(EventTypes.Length, new() { Timeout = 30_000 });
        foreach (var type in EventTypes)
        {
            await Expect(page.Locator($"[data-testid=type-total][data-type={type}]")).ToHaveCountAsync(1);
        }

        await Expect(page.Locator("[data-testid=pipeline]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=types-connection]")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=invoices-issued]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));
    }

    [Fact]
    public async Task AdminView_SignedInAsAdmin_SavesFullPageScreenshot()
    {
        var page = await fixture.SignInAsync(fixture.AdminLabel);
        await page.GotoAsync("/admin");
        await Expect(page.Locator("[data-testid=pipeline]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=type-total]")).ToHaveCountAsync(EventTypes.Length);
        // The prerendered page already shows totals; the live circuit then renders afresh. Wait for it.
        await Expect(page.Locator("[data-testid=types-connection]")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        // A picture worth keeping: pushed totals have arrived and the pipeline lists its partitions.
        await Expect(page.Locator("[data-testid=type-total][data-type=CALL]")).Not.ToContainTextAsync("EUR 0.00", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=partition]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var written = await Screenshots.SaveAsync(page, "admin");

        Assert.All(written, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty."));
    }
}

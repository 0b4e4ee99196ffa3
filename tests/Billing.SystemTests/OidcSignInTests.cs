using System.Net;
using Billing.SystemTests.Infrastructure;

namespace Billing.SystemTests;

/// <summary>
/// Browser sign-in through a real OpenID Connect Provider started by the test: code flow with PKCE, the
/// provider's customer claim and admin role become the app's customer and Admin role.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private OidcApp app = null!;

    private TestOidcProvider Provider => app.Provider;

    private WebAppHost Host => app.Host;

    public async Task InitializeAsync() => app = await OidcApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task SignInPage_OidcConfigured_OffersTheProviderInsteadOfTheKeyForm()
    {
        var html = await Host.NewBrowser().Http.GetStringAsync("/signin?ReturnUrl=%2F");

        Assert.Contains("""data-testid="signin-oidc" href="signin/oidc?returnUrl=%2F""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Form.Key", html, StringComparison.Ordinal);
        using var response = await Host.NewBrowser(followRedirects: false).Http.GetAsync("/signin");
        Assert.Contains($"form-action 'self' {Provider.Authority.GetLeftPart(UriPartial.Authority)}",
            string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OidcFlow_CustomerClaim_SignsInAsThatCustomerOnly()
    {
        Provider.NextUser = new("emma@example.test", Customer: "Emma", Roles: ["billing-reader"]);
        var browser = Host.NewBrowser();

        using var landed = await browser.Http.GetAsync("/signin/oidc?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(Host.Address.GetLeftPart(UriPartial.Authority) + "/", landed.RequestMessage!.RequestUri!.ToString());
        Assert.Equal(1, Provider.TokensIssued);
        var home = await landed.Content.ReadAsStringAsync();
        Assert.Contains("""data-testid="customer">Emma<""", home, StringComparison.Ordinal);
        Assert.Contains("Signed in as emma@example.test", home, StringComparison.Ordinal);
        var cookie = browser.Cookie("billing.auth");
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);

        await browser.AssertCustomerOnlyAsync("Emma", other: "Liam");
    }

    [Fact]
    public async Task OidcFlow_AdminRole_SignsInAsAdmin()
    {
        Provider.NextUser = new("ops@example.test", Customer: null, Roles: ["billing-admin"]);
        var browser = Host.NewBrowser();

        using var landed = await browser.Http.GetAsync("/signin/oidc?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("""<select id="customer" """, await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await browser.AssertAdminAsync(anyCustomer: "Liam");
    }

    [Fact]
    public async Task OidcFlow_NeitherCustomerNorAdmin_IsRefused()
    {
        Provider.NextUser = new("nobody@example.test", Customer: null, Roles: ["something-else"]);
        var browser = Host.NewBrowser();

        using var landed = await browser.Http.GetAsync("/signin/oidc?returnUrl=%2F");

        Assert.Equal("/signin", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Sign-in failed", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.Cookie("billing.auth"));
    }
}

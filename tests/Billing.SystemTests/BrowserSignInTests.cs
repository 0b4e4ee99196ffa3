using System.Net;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>Signing in with the form in embedded mode, as a browser does: demo keys, the cookie, the pages and the API with it.</summary>
public sealed class BrowserSignInTests(BrowserSignInTests.EmbeddedApp embedded) : IClassFixture<BrowserSignInTests.EmbeddedApp>
{
    private WebAppHost Host => embedded.Host;

    [Fact]
    public async Task Home_Anonymous_RedirectsToSignIn()
    {
        var browser = Host.NewBrowser(followRedirects: false);

        using var response = await browser.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2F", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Api_AnonymousBrowser_Answers401NotARedirect()
    {
        var browser = Host.NewBrowser(followRedirects: false);

        using var usage = await browser.Http.GetAsync("/api/customers/Emma/usage");
        using var prototype = await browser.Http.GetAsync("/customers/Emma");

        Assert.Equal(HttpStatusCode.Unauthorized, usage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, prototype.StatusCode);
    }

    [Fact]
    public async Task SignInPage_EmbeddedMode_ListsDemoKeysForEveryCustomerAndAdmin()
    {
        var html = await Host.NewBrowser().Http.GetStringAsync("/signin");

        var listed = WebAppHost.DemoKeysListed(html);
        var demo = Host.App.Services.GetRequiredService<DemoKeys>();
        Assert.Equal(demo.All.ToDictionary(key => key.Label, key => key.Key), listed);
        Assert.Contains("Emma", listed.Keys);
        Assert.Contains("admin", listed.Keys);
        Assert.Contains(">demo<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_DemoKey_SetsHttpOnlyLaxCookieAndShowsOnlyThatCustomer()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        var emma = Host.App.Services.GetRequiredService<DemoKeys>().For("Emma")!;

        using var signIn = await browser.PostSignInAsync("/signin?ReturnUrl=%2F", ("Form.DemoKey", emma.Key));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString.Replace(Host.Address.GetLeftPart(UriPartial.Authority), "", StringComparison.Ordinal));
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), value => value.StartsWith("billing.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(emma.Key, setCookie, StringComparison.Ordinal);
        Assert.True(browser.Cookie("billing.auth")!.HttpOnly);

        var home = await browser.Http.GetStringAsync("/?customer=Liam");
        Assert.Contains("""data-testid="customer">Emma<""", home, StringComparison.Ordinal);
        Assert.Contains("Signed in as Emma", home, StringComparison.Ordinal);
        Assert.DoesNotContain("""<select id="customer" """, home, StringComparison.Ordinal);

        // The browser's own cookie reaches the API: its customer yes, another no.
        await browser.AssertCustomerOnlyAsync("Emma", other: "Liam");
    }

    [Fact]
    public async Task Api_AuthorizationHeader_IsJudgedAloneEvenWithACookie()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        var demo = Host.App.Services.GetRequiredService<DemoKeys>();
        using (await browser.PostSignInAsync("/signin", ("Form.DemoKey", demo.Admin!.Key)))
        {
        }

        using var badKey = new HttpRequestMessage(HttpMethod.Get, "/api/status") { Headers = { { "Authorization", "Bearer qb_not-a-key" } } };
        using var customerKey = new HttpRequestMessage(HttpMethod.Get, "/api/status") { Headers = { { "Authorization", $"Bearer {demo.For("Emma")!.Key}" } } };
        using var badKeyResponse = await browser.Http.SendAsync(badKey);
        using var customerKeyResponse = await browser.Http.SendAsync(customerKey);

        Assert.Equal(HttpStatusCode.Unauthorized, badKeyResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customerKeyResponse.StatusCode);
    }

    [Fact]
    public async Task SignIn_TypedAdminKey_LandsOnTheAdminViewShowsThePickerAndReadsAnyCustomer()
    {
        var browser = Host.NewBrowser();
        var admin = Host.App.Services.GetRequiredService<DemoKeys>().Admin!;

        using var signIn = await browser.PostSignInAsync("/signin", ("Form.Key", admin.Key));

        // Without a return URL an admin lands on the admin view; the home page has the customer picker.
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("/admin", signIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("""data-testid="pipeline" """, await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var home = await browser.Http.GetStringAsync("/");
        Assert.Contains("""<select id="customer" """, home, StringComparison.Ordinal);
        await browser.AssertAdminAsync(anyCustomer: "Liam");
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHomeInstead()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        var emma = Host.App.Services.GetRequiredService<DemoKeys>().For("Emma")!;

        using var signIn = await browser.PostSignInAsync("/signin?ReturnUrl=%2F%2Fevil.example%2F", ("Form.DemoKey", emma.Key));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var location = Assert.IsType<Uri>(signIn.Headers.Location);
        // Relative or absolute, the redirect resolves to this app's home page exactly.
        Assert.Equal(new Uri(Host.Address, "/").AbsoluteUri, new Uri(Host.Address, location).AbsoluteUri);
        Assert.DoesNotContain("evil", location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        var emma = Host.App.Services.GetRequiredService<DemoKeys>().For("Emma")!;

        using var response = await browser.Http.PostAsync("/signin", new FormUrlEncodedContent(
            [new("_handler", "signin"), new("Form.DemoKey", emma.Key)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.Cookie("billing.auth"));
    }

    [Fact]
    public async Task SignOut_Post_ClearsTheCookie()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        var emma = Host.App.Services.GetRequiredService<DemoKeys>().For("Emma")!;
        using (await browser.PostSignInAsync("/signin", ("Form.DemoKey", emma.Key)))
        {
        }

        // The layout's sign-out button on the dashboard.
        var home = await browser.Http.GetStringAsync("/");
        using var signOut = await browser.Http.PostAsync("/signout", new FormUrlEncodedContent(
            [new("_handler", "signout"), new("__RequestVerificationToken", WebAppHost.AntiforgeryToken(home))]));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Null(browser.Cookie("billing.auth"));
        using var after = await browser.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/")]
    [InlineData("/api/status")]
    [InlineData("/health/live")]
    public async Task AnyResponse_HasSecurityHeaders(string path)
    {
        using var response = await Host.NewBrowser(followRedirects: false).Http.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws: wss:", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>One app for the class, in embedded mode.</summary>
    public sealed class EmbeddedApp : WebAppFixture;
}

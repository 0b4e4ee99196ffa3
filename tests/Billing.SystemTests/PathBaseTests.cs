using System.Net;
using System.Text.RegularExpressions;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Hosting;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.SystemTests;

/// <summary>
/// The app under <c>Web:PathBase=/billing</c>, and behind a proxy that sends <c>X-Forwarded-Prefix</c>: the API,
/// sign-in redirects, cookies, <c>&lt;base href&gt;</c> and every link stay under the prefix.
/// </summary>
public sealed partial class PathBaseTests(PathBaseTests.UnderBilling prefixed) : IClassFixture<PathBaseTests.UnderBilling>
{
    private WebAppHost Host => prefixed.Host;

    private DemoKeys Demo => Host.App.Services.GetRequiredService<DemoKeys>();

    [Fact]
    public async Task Api_UnderThePrefix_AnswersAnAdminKey()
    {
        using var api = ApiClients.Create(Host.Address, Demo.Admin!.Key);

        using var status = await api.GetAsync("/billing/api/status");
        using var health = await api.GetAsync("/billing/health/ready");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("\"watermark\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutThePrefix_IsStillServed()
    {
        // UsePathBase moves the prefix into the path base when it is there and leaves other requests alone.
        using var api = ApiClients.Create(Host.Address, Demo.Admin!.Key);

        using var status = await api.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task Home_AnonymousUnderThePrefix_RedirectsToSignInUnderThePrefix()
    {
        var browser = Host.NewBrowser(followRedirects: false);

        using var response = await browser.Http.GetAsync("/billing/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/billing/signin?ReturnUrl=%2Fbilling%2F", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignInPage_UnderThePrefix_BaseHrefFormAndAssetsCarryThePrefix()
    {
        var html = await Host.NewBrowser().Http.GetStringAsync("/billing/signin?ReturnUrl=%2Fbilling%2F");

        Assert.Contains("""<base href="/billing/" />""", html, StringComparison.Ordinal);
        Assert.Equal("/billing/signin?ReturnUrl=%2Fbilling%2F", FormAction(html, new Uri(Host.Address, "/billing/signin?ReturnUrl=%2Fbilling%2F")));
        AssertEveryRootedAddressUnderBilling(html);
    }

    [Fact]
    public async Task SignIn_UnderThePrefix_CookiesAndRedirectsStayUnderThePrefix()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        var emma = Demo.For("Emma")!;

        using var signIn = await browser.PostSignInAsync("/billing/signin?ReturnUrl=%2Fbilling%2F", ("Form.DemoKey", emma.Key));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/billing/", new Uri(Host.Address, signIn.Headers.Location!).AbsolutePath);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), value => value.StartsWith("billing.auth=", StringComparison.Ordinal));
        Assert.Contains("path=/billing;", setCookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.All(browser.Cookies.GetAllCookies(), cookie => Assert.Equal("/billing", cookie.Path));

        using var home = await browser.Http.GetAsync("/billing/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("""data-testid="customer">Emma<""", html, StringComparison.Ordinal);
        Assert.Contains("""<base href="/billing/" />""", html, StringComparison.Ordinal);
        AssertEveryRootedAddressUnderBilling(html);
    }

    [Fact]
    public async Task SignIn_AdminUnderThePrefix_LandsOnTheAdminViewUnderThePrefix()
    {
        var browser = Host.NewBrowser();

        using var signIn = await browser.PostSignInAsync("/billing/signin", ("Form.DemoKey", Demo.Admin!.Key));

        Assert.Equal("/billing/admin", signIn.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await signIn.Content.ReadAsStringAsync();
        Assert.Contains("""data-testid="pipeline" """, html, StringComparison.Ordinal);
        Assert.Contains("""<a href="orleans-dashboard/" data-testid="orleans-dashboard">""", html, StringComparison.Ordinal);
        AssertEveryRootedAddressUnderBilling(html);
    }

    [Fact]
    public async Task OrleansDashboard_AdminUnderThePrefix_IsServedWithItsScript()
    {
        var browser = Host.NewBrowser();
        using (await browser.PostSignInAsync("/billing/signin", ("Form.DemoKey", Demo.Admin!.Key)))
        {
        }

        using var dashboard = await browser.Http.GetAsync("/billing/orleans-dashboard/");
        // Its page addresses its script relatively ("./index.min.js"), so the script is asked for under the prefix.
        using var script = await browser.Http.GetAsync("/billing/orleans-dashboard/index.min.js");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task DeniedPage_CustomerOpeningTheAdminView_IsSentToDeniedUnderThePrefix()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        using (await browser.PostSignInAsync("/billing/signin", ("Form.DemoKey", Demo.For("Emma")!.Key)))
        {
        }

        using var admin = await browser.Http.GetAsync("/billing/admin");
        var denied = await browser.Http.GetStringAsync("/billing/denied");

        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/billing/denied", new Uri(Host.Address, admin.Headers.Location!).AbsolutePath);
        AssertEveryRootedAddressUnderBilling(denied);
    }

    [Fact]
    public async Task ForwardedPrefix_ForwardedHeadersOff_IsIgnored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/billing/signin") { Headers = { { "X-Forwarded-Prefix", "/proxied" } } };

        using var response = await Host.NewBrowser().Http.SendAsync(request);

        Assert.Contains("""<base href="/billing/" />""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedPrefix_FromLoopbackWithForwardedHeaders_BecomesTheBaseHrefAndRedirectPrefix()
    {
        await using var host = await WebAppHost.StartAsync("--Web:ForwardedHeaders=true");
        var browser = host.NewBrowser(followRedirects: false);

        using var signIn = await browser.Http.SendAsync(WithPrefix("/signin", "/proxied"));
        using var home = await browser.Http.SendAsync(WithPrefix("/", "/proxied"));

        Assert.Contains("""<base href="/proxied/" />""", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/proxied/signin?ReturnUrl=%2Fproxied%2F", home.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ForwardedPrefix_FromAProxyThatIsNotTrusted_IsIgnored()
    {
        // Only 10.1.2.3 is trusted (nothing is sent there); the test's requests come from loopback.
        await using var host = await WebAppHost.StartAsync("--Web:ForwardedHeaders=true", "--Web:KnownProxies=10.1.2.3");

        using var signIn = await host.NewBrowser().Http.SendAsync(WithPrefix("/signin", "/proxied"));

        Assert.Contains("""<base href="/" />""", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billing")]
    [InlineData("/billing/")]
    [InlineData("/billing?x=1")]
    [InlineData("//evil.example")]
    public void Start_BadPathBase_StopsNamingTheKey(string pathBase)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            BillingWebApplication.Create(["--urls", "http://127.0.0.1:0", $"--Web:PathBase={pathBase}"]));

        Assert.Contains("Web:PathBase", error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage WithPrefix(string path, string prefix) =>
        new(HttpMethod.Get, path) { Headers = { { "X-Forwarded-Prefix", prefix } } };

    /// <summary>Where the page's first form posts to, as a path and query from the site's root.</summary>
    private static string FormAction(string html, Uri page)
    {
        var form = FormTag().Match(html);
        Assert.True(form.Success, "The page has no form.");
        var action = ActionAttribute().Match(form.Value);
        // A form without an action posts to the page's own address.
        return action.Success ? new Uri(page, WebUtility.HtmlDecode(action.Groups["action"].Value)).PathAndQuery : page.PathAndQuery;
    }

    /// <summary>
    /// Every address from the site's root (<c>&lt;base href&gt;</c>, a form's action) starts with the prefix; every
    /// other link is relative to <c>&lt;base href&gt;</c>.
    /// </summary>
    private static void AssertEveryRootedAddressUnderBilling(string html)
    {
        var outside = RootedAddress().Matches(html).Select(match => match.Groups["address"].Value)
            .Where(address => !address.StartsWith("/billing/", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, $"Addresses outside /billing/: {string.Join(", ", outside)}");
    }

    [GeneratedRegex("<form [^>]*>")]
    private static partial Regex FormTag();

    [GeneratedRegex(@"\baction=""(?<action>[^""]*)""")]
    private static partial Regex ActionAttribute();

    [GeneratedRegex(@"\b(?:href|src|action)=""(?<address>/[^""]*)""")]
    private static partial Regex RootedAddress();

    /// <summary>One app for the class under <c>Web:PathBase=/billing</c>, forwarded headers off.</summary>
    public sealed class UnderBilling : WebAppFixture
    {
        protected override string[] Settings => ["--Web:PathBase=/billing"];
    }
}

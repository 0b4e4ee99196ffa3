using System.Net;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>
/// The smaller findings of a probe, each as a user meets it: a return URL that cannot be honoured, HEAD requests,
/// caching of customer data, foreign Host headers, and interactive circuits for anonymous visitors.
/// </summary>
public sealed class HardeningTests(HardeningTests.EmbeddedApp embedded) : IClassFixture<HardeningTests.EmbeddedApp>
{
    private WebAppHost Host => embedded.Host;

    private DemoKeys Demo => Host.App.Services.GetRequiredService<DemoKeys>();

    [Theory]
    [InlineData("%2F%C3%A9")]
    [InlineData("%2F%3Fcustomer%3DZo%C3%AB")]
    [InlineData("%2Fa%20b")]
    public async Task SignIn_ReturnUrlARedirectCannotCarry_GoesHomeInsteadOfA500(string returnUrl)
    {
        var browser = Host.NewBrowser(followRedirects: false);

        using var signIn = await browser.PostSignInAsync($"/signin?ReturnUrl={returnUrl}", ("Form.DemoKey", Demo.For("Emma")!.Key));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(new Uri(Host.Address, "/").AbsoluteUri, new Uri(Host.Address, signIn.Headers.Location!).AbsoluteUri);
        Assert.NotNull(browser.Cookie("billing.auth"));
    }

    [Theory]
    [InlineData("/health/live", null)]
    [InlineData("/signin", null)]
    [InlineData("/customers/Emma", "Emma")]
    [InlineData("/api/customers/Emma/invoices", "Emma")]
    [InlineData("/api/status", "admin")]
    public async Task Head_OnAGetRoute_AnswersAsGetWithoutABody(string path, string? caller)
    {
        using var http = ApiClients.Create(Host.Address, caller is null ? null : Demo.All.Single(key => key.Label == caller).Key);

        using var get = await http.GetAsync(path);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/customers/Emma")]
    [InlineData("/api/customers/Emma/usage")]
    [InlineData("/api/customers/Emma/invoices")]
    [InlineData("/api/customers/Emma/invoices/2026-09.csv")]
    public async Task Api_AnswersAboutACustomer_AreNeverStored(string path)
    {
        using var http = ApiClients.Create(Host.Address, Demo.For("Emma")!.Key);

        using var response = await http.GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} answered {response.StatusCode} with Cache-Control '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task AnyRequest_ForeignHostHeader_Is400AndTheHostIsNotReflected()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "evil.example" } };

        using var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circuits_AnonymousVisitor_IsRefusedAndTheSignInPageNeedsNone()
    {
        var anonymous = Host.NewBrowser(followRedirects: false);

        using var negotiate = await anonymous.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var signInPage = await anonymous.Http.GetStringAsync("/signin");
        var notFound = await anonymous.Http.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.DoesNotContain(BlazorCircuits.ServerComponentMarker, signInPage, StringComparison.Ordinal);
        Assert.DoesNotContain(BlazorCircuits.ServerComponentMarker, await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circuits_SignedInUser_GetsOne()
    {
        var browser = Host.NewBrowser(followRedirects: false);
        using (await browser.PostSignInAsync("/signin", ("Form.DemoKey", Demo.For("Emma")!.Key)))
        {
        }

        var home = await browser.Http.GetStringAsync("/");
        using var negotiate = await browser.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Contains(BlazorCircuits.ServerComponentMarker, home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
    }

    /// <summary>One app for the class, in embedded mode.</summary>
    public sealed class EmbeddedApp : WebAppFixture;
}

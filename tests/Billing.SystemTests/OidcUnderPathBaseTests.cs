using System.Net;
using Billing.SystemTests.Infrastructure;

namespace Billing.SystemTests;

/// <summary>
/// The OpenID Connect flow of an app served under <c>Web:PathBase</c>: the Provider sends the browser back to
/// the callback under the prefix, and success and refusal both land on pages under it.
/// </summary>
public sealed class OidcUnderPathBaseTests : IAsyncLifetime
{
    private const string PathBase = "/billing";

    private OidcApp app = null!;

    private TestOidcProvider Provider => app.Provider;

    private WebAppHost Host => app.Host;

    public async Task InitializeAsync() => app = await OidcApp.StartAsync($"--Web:PathBase={PathBase}");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task OidcFlow_CustomerClaim_ReturnsThroughTheCallbackUnderThePrefixToTheDashboard()
    {
        Provider.NextUser = new("emma@example.test", Customer: "Emma", Roles: []);
        var browser = Host.NewBrowser(followRedirects: false);

        // Step by step, to see where the Provider sends the browser back to.
        var toProvider = await browser.Http.GetAsync($"{PathBase}/signin/oidc?returnUrl=%2Fbilling%2F");
        var redirectUri = QueryValue(toProvider.Headers.Location!, "redirect_uri");
        using var landed = await FollowAsync(browser, toProvider);

        Assert.Equal(Host.Address.GetLeftPart(UriPartial.Authority) + PathBase + "/signin-oidc", redirectUri);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(PathBase + "/", landed.RequestMessage!.RequestUri!.AbsolutePath);
        var home = await landed.Content.ReadAsStringAsync();
        Assert.Contains("""<base href="/billing/" />""", home, StringComparison.Ordinal);
        Assert.Contains("""data-testid="customer">Emma<""", home, StringComparison.Ordinal);
        Assert.Equal(PathBase, browser.Cookie("billing.auth")!.Path);
    }

    [Fact]
    public async Task OidcFlow_NeitherCustomerNorAdmin_IsRefusedOnTheSignInPageUnderThePrefix()
    {
        Provider.NextUser = new("nobody@example.test", Customer: null, Roles: ["something-else"]);
        var browser = Host.NewBrowser();

        using var landed = await browser.Http.GetAsync($"{PathBase}/signin/oidc?returnUrl=%2Fbilling%2F");

        Assert.Equal(PathBase + "/signin", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Sign-in failed", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.Cookie("billing.auth"));
    }

    /// <summary>Follows redirects (to the Provider and back) until an answer that is not one.</summary>
    private static async Task<HttpResponseMessage> FollowAsync(WebAppHost.Browser browser, HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10 && response.Headers.Location is { } location; hops++)
        {
            var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            response.Dispose();
            response = await browser.Http.GetAsync(next);
        }

        return response;
    }

    private static string? QueryValue(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair[0] == name)
            .Select(pair => Uri.UnescapeDataString(pair[1]))
            .FirstOrDefault();
}

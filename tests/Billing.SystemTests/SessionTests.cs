using System.Net;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Billing.SystemTests;

/// <summary>
/// Sessions end on the server: signing out ends the session, so a copy of its cookie is refused; and a session
/// whose API key is removed from configuration ends at its next check, at most a minute later (fake time).
/// </summary>
public sealed class SessionTests
{
    private const string EmmasKeyEntry = "Billing:ApiKeys:5";

    [Fact]
    public async Task SignOut_ACopyOfTheCookieReplayedLater_IsRefused()
    {
        await using var host = await WebAppHost.StartAsync();
        var emma = host.App.Services.GetRequiredService<DemoKeys>().For("Emma")!;
        var browser = host.NewBrowser(followRedirects: false);
        using (await browser.PostSignInAsync("/signin", ("Form.DemoKey", emma.Key)))
        {
        }

        var copied = browser.Cookie("billing.auth")!.Value;
        using var before = await Replay(host, copied, "/api/customers/Emma/usage");
        var home = await browser.Http.GetStringAsync("/");
        using var signOut = await browser.Http.PostAsync("/signout", new FormUrlEncodedContent(
            [new("_handler", "signout"), new("__RequestVerificationToken", WebAppHost.AntiforgeryToken(home))]));
        using var api = await Replay(host, copied, "/api/customers/Emma/usage");
        using var page = await Replay(host, copied, "/");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRemovedFromConfiguration_ItsSessionEndsAtTheNextCheckAtMostAMinuteLater()
    {
        var emmasKey = DemoKeys.NewKey();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WebAppHost.StartAsync(builder =>
        {
            // Last, so that it wins over the command line; changed and reloaded below, as an edited file would be.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{EmmasKeyEntry}:Sha256"] = ApiKeyRing.HashOf(emmasKey),
                [$"{EmmasKeyEntry}:Customer"] = "Emma",
            });
            builder.Services.PostConfigure<CookieAuthenticationOptions>(BillingSchemes.Cookie, options => options.TimeProvider = time);
        });
        var browser = host.NewBrowser(followRedirects: false);
        using (await browser.PostSignInAsync("/signin", ("Form.Key", emmasKey)))
        {
        }

        // A minute on with the key still configured: the check passes, the session goes on.
        time.Advance(SessionRules.KeyCheckInterval + TimeSpan.FromSeconds(1));
        using var keyKept = await browser.Http.GetAsync("/api/customers/Emma/usage");

        SetEmmasKeyHash(host, ApiKeyRing.HashOf(DemoKeys.NewKey()));
        using var bearerClient = ApiClients.Create(host.Address, emmasKey);
        using var bearer = await bearerClient.GetAsync("/api/customers/Emma/usage");
        using var sameMinute = await browser.Http.GetAsync("/api/customers/Emma/usage");
        time.Advance(SessionRules.KeyCheckInterval);
        using var nextMinute = await browser.Http.GetAsync("/api/customers/Emma/usage");
        // The key comes back: the session it had is over for good.
        SetEmmasKeyHash(host, ApiKeyRing.HashOf(emmasKey));
        using var keyBack = await browser.Http.GetAsync("/api/customers/Emma/usage");

        Assert.Equal(HttpStatusCode.NotFound, keyKept.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sameMinute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nextMinute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, keyBack.StatusCode);
    }

    private static void SetEmmasKeyHash(WebAppHost host, string hash)
    {
        var configuration = (IConfigurationRoot)host.App.Configuration;
        configuration[$"{EmmasKeyEntry}:Sha256"] = hash;
        configuration.Reload();
    }

    /// <summary>A fresh browser presenting only <paramref name="cookie"/> as its sign-in cookie.</summary>
    private static async Task<HttpResponseMessage> Replay(WebAppHost host, string cookie, string path)
    {
        var browser = host.NewBrowser(followRedirects: false);
        browser.Cookies.Add(host.Address, new Cookie("billing.auth", cookie));
        return await browser.Http.GetAsync(path);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Billing.ClusterTests.Infrastructure;
using Billing.TestSupport.Postgres;
using Billing.Web.Security;

namespace Billing.ClusterTests;

/// <summary>
/// Two web processes of one cluster behind a load balancer: a browser signed in on one is signed in on the other
/// (one key ring in PostgreSQL, one session in the cluster), and signing out on either ends the session on both.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ClusterSessionTests(PostgresFixture postgres)
{
    [Fact]
    public async Task SignedInBrowser_MovesBetweenWebProcesses_AndSigningOutOnOneEndsItOnBoth()
    {
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        var emmaKey = DemoKeys.NewKey();
        string[] emma = [$"Billing:ApiKeys:1:Sha256={ApiKeyRing.HashOf(emmaKey)}", "Billing:ApiKeys:1:Customer=Emma"];
        await cluster.StartWebClientAsync(emma);
        var first = cluster.Http.BaseAddress!;
        var second = await cluster.StartAnotherWebClientAsync(emma);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

        using var signIn = await PostFormAsync(browser, new Uri(first, "/signin"), "signin", ("Form.Key", emmaKey));
        var cookie = cookies.GetCookies(first)["billing.auth"]!.Value;
        cookies.Add(second, new Cookie("billing.auth", cookie));
        using var onFirst = await browser.GetAsync(new Uri(first, "/api/customers/Emma/invoices"));
        using var onSecond = await browser.GetAsync(new Uri(second, "/api/customers/Emma/invoices"));
        using var signOut = await PostFormAsync(browser, new Uri(second, "/signout"), "signout", formPage: new Uri(second, "/"));
        cookies.Add(first, new Cookie("billing.auth", cookie));
        using var replayedOnFirst = await browser.GetAsync(new Uri(first, "/api/customers/Emma/invoices"));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayedOnFirst.StatusCode);
    }

    /// <summary>Posts the form <paramref name="handler"/> with the antiforgery token of <paramref name="formPage"/> (default: the form's own page).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient browser, Uri action, string handler, (string Name, string Value)? field = null, Uri? formPage = null)
    {
        var page = await browser.GetStringAsync(formPage ?? action);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups["token"].Value);
        List<KeyValuePair<string, string>> form = [new("_handler", handler), new("__RequestVerificationToken", token)];
        if (field is { } extra)
        {
            form.Add(new(extra.Name, extra.Value));
        }

        return await browser.PostAsync(action, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

using System.Net;
using System.Text.RegularExpressions;
using Billing.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace Billing.SystemTests.Infrastructure;

/// <summary>
/// Billing.Web on a free loopback port with its generator off, for tests of what a browser meets: sign-in,
/// cookies, headers. Each browser is an HttpClient with a cookie jar of its own.
/// </summary>
public sealed partial class WebAppHost : IAsyncDisposable
{
    private readonly List<HttpClient> clients = [];

    private WebAppHost(WebApplication app, Uri address, string invoiceDirectory)
    {
        App = app;
        Address = address;
        InvoiceDirectory = invoiceDirectory;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    private string InvoiceDirectory { get; }

    public static Task<WebAppHost> StartAsync(params string[] settings) => StartAsync(configure: null, settings);

    /// <summary>As <see cref="StartAsync(string[])"/>, with <paramref name="configure"/> run on the builder.</summary>
    public static async Task<WebAppHost> StartAsync(Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        var (app, address, invoiceDirectory) = await LoopbackWebApp.StartAsync(["--Generator:Enabled=false", .. settings], configure);
        return new WebAppHost(app, address, invoiceDirectory);
    }

    /// <summary>A browser: its own cookies; redirects followed or not. Disposed with the host.</summary>
    public Browser NewBrowser(bool followRedirects = true)
    {
        var browser = Browser.Open(Address, followRedirects);
        lock (clients)
        {
            clients.Add(browser.Http);
        }

        return browser;
    }

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryTokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    /// <summary>The demo keys the sign-in page lists, by label.</summary>
    public static IReadOnlyDictionary<string, string> DemoKeysListed(string html) =>
        DemoKeyPattern().Matches(html).ToDictionary(match => match.Groups["label"].Value, match => WebUtility.HtmlDecode(match.Groups["key"].Value), StringComparer.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();

    [GeneratedRegex("""data-testid="demo-key" data-label="(?<label>[^"]+)">(?<key>[^<]+)<""")]
    private static partial Regex DemoKeyPattern();

    public async ValueTask DisposeAsync()
    {
        lock (clients)
        {
            clients.ForEach(client => client.Dispose());
        }

        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(InvoiceDirectory, recursive: true);
    }

    /// <summary>An HTTP client with a cookie jar, as a browser has.</summary>
    public sealed record Browser(HttpClient Http, CookieContainer Cookies)
    {
        /// <summary>A browser on <paramref name="address"/> with an empty cookie jar; whoever opens it disposes its <see cref="Http"/>.</summary>
        public static Browser Open(Uri address, bool followRedirects)
        {
            var cookies = new CookieContainer();
            var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = followRedirects })
            {
                BaseAddress = address,
            };
            return new Browser(http, cookies);
        }

        /// <summary>GETs the sign-in page and posts its form with <paramref name="fields"/> and the page's antiforgery token.</summary>
        public async Task<HttpResponseMessage> PostSignInAsync(string signInUrl, params (string Name, string Value)[] fields)
        {
            var page = await Http.GetStringAsync(signInUrl);
            var form = new FormUrlEncodedContent(
            [
                new("_handler", "signin"),
                new("__RequestVerificationToken", AntiforgeryToken(page)),
                .. fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)),
            ]);
            return await Http.PostAsync(signInUrl, form);
        }

        public Cookie? Cookie(string name) => Cookies.GetAllCookies().FirstOrDefault(cookie => cookie.Name == name);

        /// <summary>
        /// Signed in as <paramref name="customer"/> and nothing more: the API answers for that customer (404: no
        /// usage yet) and refuses <paramref name="other"/>'s usage and the admins' status.
        /// </summary>
        public async Task AssertCustomerOnlyAsync(string customer, string other)
        {
            using var own = await Http.GetAsync($"/api/customers/{customer}/usage");
            using var others = await Http.GetAsync($"/api/customers/{other}/usage");
            using var status = await Http.GetAsync("/api/status");
            Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        }

        /// <summary>
        /// Signed in as an admin: the API answers the admins' status, and for <paramref name="anyCustomer"/> (404:
        /// no usage yet) rather than refusing.
        /// </summary>
        public async Task AssertAdminAsync(string anyCustomer)
        {
            using var status = await Http.GetAsync("/api/status");
            using var any = await Http.GetAsync($"/api/customers/{anyCustomer}/usage");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, any.StatusCode);
        }
    }
}

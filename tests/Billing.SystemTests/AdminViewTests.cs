using System.Net;
using System.Text.RegularExpressions;
using Billing.Events;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Usage;
using Billing.Web.Hosting;
using Billing.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>
/// The admin view at <c>/admin</c> as a browser first receives it (server-rendered): totals by event type, the
/// charts and the pipeline status for an admin; the way out for everyone else.
/// </summary>
public sealed partial class AdminViewTests(AdminViewTests.AppWithOneEvent app) : IClassFixture<AdminViewTests.AppWithOneEvent>
{
    private BillingAppHost Host => app.Host;

    [Fact]
    public async Task Admin_SignedIn_SeesATotalPerEventTypeWithCurrencyAndCount()
    {
        var browser = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);

        var html = await browser.Http.GetStringAsync("/admin");

        var totals = TypeTotal().Matches(html).ToDictionary(match => match.Groups["type"].Value, match => Text(match.Groups["body"].Value), StringComparer.Ordinal);
        Assert.Equal(EventTypes.All.Select(type => type.WireName()).Order(StringComparer.Ordinal), totals.Keys.Order(StringComparer.Ordinal));
        var currency = Host.App.Services.GetRequiredService<BillingRuntimeInfo>().Currency;
        Assert.Contains($"{currency} 1.25", totals["CALL"], StringComparison.Ordinal);
        Assert.Contains("1 events", totals["CALL"], StringComparison.Ordinal);
        Assert.Contains($"{currency} 0.00", totals["DATA"], StringComparison.Ordinal);
        Assert.Contains("0 events", totals["DATA"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_SignedIn_SeesALabelledChartPerEventType()
    {
        var browser = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);

        var html = await browser.Http.GetStringAsync("/admin");

        Assert.Equal(EventTypes.All.Count, Regex.Matches(html, """data-testid="type-chart" """).Count);
        Assert.Equal(EventTypes.All.Count, Regex.Matches(html, """<svg [^>]*role="img"[^>]*aria-label="[^"]+">""").Count);
        Assert.Contains("<title>CALL: amount per month, 2026-11 to 2026-11</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_SignedIn_FindsCustomersLinkedToTheirDashboard()
    {
        var browser = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);

        // The directory takes a customer in within a second of its first event.
        var html = await BillingAppHost.WaitForAsync(
            () => browser.Http.GetStringAsync("/admin"),
            page => page.Contains("""data-testid="customer-match" """.TrimEnd(), StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "Emma in the customer search");

        Assert.Contains("""<label for="customer-search">Find a customer</label>""", html, StringComparison.Ordinal);
        Assert.Contains("""<a href="?customer=Emma">Emma</a>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_SignedIn_SeesThePipelineWithEveryPartition()
    {
        var browser = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);

        var html = await browser.Http.GetStringAsync("/admin");

        Assert.Contains("""data-testid="pipeline" """, html, StringComparison.Ordinal);
        Assert.Matches("""data-testid="watermark">(none yet|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC)<""", html);
        Assert.Equal(app.Status.Partitions.Count, Regex.Matches(html, """<tr data-testid="partition">""").Count);
        Assert.Contains("""<th scope="col">Event-time watermark</th>""", html, StringComparison.Ordinal);
        Assert.Contains("""data-testid="failing-months">0<""", html, StringComparison.Ordinal);
        // One event in the current month: nothing is closed, nothing issued, nothing set aside.
        Assert.Contains("""data-testid="invoices-issued">0<""", html, StringComparison.Ordinal);
        Assert.Contains("""data-testid="dead-letters">0<""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("latest-dead-letters", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_Admin_LinksToTheAdminViewAndACustomerDoesNot()
    {
        var admin = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);
        var emma = await Host.SignInAsync(Host.DemoKeys.For("Emma")!.Key);

        var adminHome = await admin.Http.GetStringAsync("/");
        var emmaHome = await emma.Http.GetStringAsync("/");

        Assert.Contains("""<a href="admin" data-testid="admin-link">""", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"admin-link\"", emmaHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_SignedIn_IsRedirectedToDenied()
    {
        var emma = await Host.SignInAsync(Host.DemoKeys.For("Emma")!.Key, followRedirects: false);

        using var response = await emma.Http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/denied", Path(response.Headers.Location!));
        var denied = await Host.SignInAsync(Host.DemoKeys.For("Emma")!.Key);
        using var followed = await denied.Http.GetAsync("/admin");
        Assert.Equal("/denied", followed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("data-testid=\"pipeline\"", await followed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsRedirectedToSignIn()
    {
        var browser = Host.NewBrowser(followRedirects: false);

        using var response = await browser.Http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Fadmin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task OrleansDashboard_Admin_IsServedAndLinkedFromTheAdminView()
    {
        var admin = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);

        var view = await admin.Http.GetStringAsync("/admin");
        using var dashboard = await admin.Http.GetAsync("/orleans-dashboard/");
        using var script = await admin.Http.GetAsync("/orleans-dashboard/index.min.js");

        Assert.Contains("""<a href="orleans-dashboard/" data-testid="orleans-dashboard">""", view, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task OrleansDashboard_CustomerOrAnonymous_IsNotServed()
    {
        var emma = await Host.SignInAsync(Host.DemoKeys.For("Emma")!.Key, followRedirects: false);
        var anonymous = Host.NewBrowser(followRedirects: false);

        using var asEmma = await emma.Http.GetAsync("/orleans-dashboard/");
        using var asAnonymous = await anonymous.Http.GetAsync("/orleans-dashboard/");
        using var apiAsAnonymous = await anonymous.Http.GetAsync("/orleans-dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.Redirect, asEmma.StatusCode);
        Assert.Equal("/denied", Path(asEmma.Headers.Location!));
        // A browser without a session is sent to sign in, for the dashboard's page and its API alike.
        Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Forleans-dashboard%2F", asAnonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, apiAsAnonymous.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Forleans-dashboard%2FDashboardCounters", apiAsAnonymous.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Feed_EventOfAType_PushesTheTypesNewUsageToASubscriber()
    {
        var feed = Host.App.Services.GetRequiredService<EventTypeUsageFeed>();
        var pushed = new TaskCompletionSource<EventTypeUsage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await feed.SubscribeAsync(EventType.Pack, usage =>
        {
            pushed.TrySetResult(usage);
            return Task.CompletedTask;
        });

        // Same month as the fixture's event, so the other tests' current month does not move.
        await Host.ProduceAsync([CsvRecords.Event("Liam", EventType.Pack, 2.50m, "2026-11-14T22:13:21Z", partition: 1)]);

        var usage = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(EventType.Pack, usage.Type);
        Assert.Equal(new TypeMonthUsage(new BillingMonth(2026, 11), 1, 2.50m), usage.Current);
    }

    private static string Path(Uri location) => location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(Tags().Replace(html, " "), @"\s+", " ").Trim());

    [GeneratedRegex("""<li data-testid="type-total" data-type="(?<type>[^"]+)">(?<body>.*?)</li>""", RegexOptions.Singleline)]
    private static partial Regex TypeTotal();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>The app in embedded mode without its generator, after one CALL event of 1.25 was handled.</summary>
    public sealed class AppWithOneEvent : IAsyncLifetime
    {
        private BillingAppHost? host;

        public BillingAppHost Host => host ?? throw new InvalidOperationException("Not started.");

        public Billing.Web.Api.StatusResponse Status { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            host = await BillingAppHost.StartAsync("--Generator:Enabled=false");
            await host.ProduceAsync([CsvRecords.Event("Emma", EventType.Call, 1.25m, "2026-11-14T22:13:20Z")]);
            Status = await host.WaitUntilHandledAsync(1, 0, TimeSpan.FromSeconds(60));
        }

        public async Task DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}

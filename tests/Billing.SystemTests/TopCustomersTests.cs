using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Billing.Grains;
using Billing.Grains.Customers;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Usage;
using Billing.Web.Api;
using Microsoft.Extensions.DependencyInjection;
using static Billing.SystemTests.Infrastructure.BillingAppHost;

namespace Billing.SystemTests;

/// <summary>
/// The leaderboard and the open windows through the whole embedded system, after the known event set: the top
/// customers are exactly the top of the set's November totals (September and October are invoiced), through
/// the API and on the admin view, and stay listed once their grains are gone.
/// </summary>
public sealed partial class TopCustomersTests(TopCustomersTests.KnownEventsInvoicedThroughOctober app)
    : IClassFixture<TopCustomersTests.KnownEventsInvoicedThroughOctober>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly BillingMonth November = KnownEventSet.Months[^1];

    private BillingAppHost Host => app.Host;

    [Fact]
    public async Task TopRoute_CountFive_IsTheExactTopFiveOfTheKnownNovemberTotals()
    {
        var expected = ExpectedTop(5);

        // The wait returns the first answer whose customers and totals are exactly the expected ones.
        var top = await WaitForTopAsync("/api/customers/top?month=2026-11&count=5", expected);

        Assert.Equal("2026-11", top.Month);
        Assert.Equal("EUR", top.Currency);
        foreach (var standing in top.Customers)
        {
            var usage = await Host.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{standing.Customer}/usage");
            Assert.Equal(usage!.UpdatedAt, standing.UpdatedAt);
        }
    }

    [Fact]
    public async Task TopRoute_NoQuery_IsTheLatestOpenMonthsFirstTenInTheDocumentedShape()
    {
        var expected = ExpectedTop(10);
        await WaitForTopAsync("/api/customers/top", expected);

        using var json = JsonDocument.Parse(await Host.Http.GetStringAsync("/api/customers/top"));

        var root = json.RootElement;
        Assert.Equal(["month", "currency", "customers"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11", root.GetProperty("month").GetString());
        Assert.Equal(KnownEventSet.Customers.Length, root.GetProperty("customers").GetArrayLength());
        var first = root.GetProperty("customers")[0];
        Assert.Equal(["customer", "total", "updatedAt"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected[0], (first.GetProperty("customer").GetString()!, first.GetProperty("total").GetString()!));
    }

    [Fact]
    public async Task TopRoute_InvoicedMonth_ListsNobody()
    {
        var october = await WaitForAsync(
            async () => (await Host.Http.GetFromJsonAsync<TopCustomersResponse>("/api/customers/top?month=2026-10"))!,
            top => top.Customers.Count == 0,
            Patience,
            "October, invoiced, to leave the leaderboard");

        Assert.Equal("2026-10", october.Month);
    }

    [Theory]
    [InlineData("?count=0", "'0' is not a count; ask for 1 to 100 customers.")]
    [InlineData("?count=101", "'101' is not a count; ask for 1 to 100 customers.")]
    [InlineData("?count=ten", "'ten' is not a count; ask for 1 to 100 customers.")]
    [InlineData("?month=2026-13", "'2026-13' is not a month; write it yyyy-MM, for example 2026-09.")]
    [InlineData("?month=2026-11&count=-3", "'-3' is not a count; ask for 1 to 100 customers.")]
    public async Task TopRoute_BadQuery_Answers400WithTheReason(string query, string detail)
    {
        using var response = await Host.Http.GetAsync("/api/customers/top" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenWindows_SeptemberAndOctoberInvoiced_AreEveryKnownCustomerInNovember()
    {
        var grains = Host.App.Services.GetRequiredService<IGrainFactory>();
        OpenWindowCount[] expected = [new(November, KnownEventSet.Customers.Length)];

        // Fails unless the directory comes to count exactly the expected windows.
        await WaitForAsync(
            () => CustomerDirectory.CountOpenWindowsAsync(grains),
            counts => counts.SequenceEqual(expected),
            Patience,
            "the directory to count only November's windows");

        Assert.Equal(KnownEventSet.Customers.Order(StringComparer.Ordinal), await CustomerDirectory.ListAsync(grains));
        var status = await Host.Http.GetFromJsonAsync<StatusResponse>("/api/status");
        Assert.Equal([new OpenWindowsResponse("2026-11", KnownEventSet.Customers.Length)], status!.OpenWindows);
    }

    [Fact]
    public async Task Leaderboard_CustomerGrainsDeactivated_StillListsThemWithTheirTotals()
    {
        var expected = ExpectedTop(10);
        await WaitForTopAsync("/api/customers/top", expected);

        // Every grain goes, the customers' and the leaderboard's (which writes its state as it goes); the
        // silo's standings forget the customers once reported, so only the persisted merge still knows them.
        var grains = Host.App.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var standings = Host.App.Services.GetRequiredService<CustomerStandings>();
        await WaitForAsync(
            () => Task.FromResult(standings.Top(null, 100).Standings.Count),
            count => count == 0,
            Patience,
            "this silo's standings to forget the deactivated customers");

        var top = await Host.Http.GetFromJsonAsync<TopCustomersResponse>("/api/customers/top");
        Assert.Equal(expected, top!.Customers.Select(c => (c.Customer, c.Total)));
    }

    [Fact]
    public async Task AdminView_TopCustomersPanel_ListsTheTopTenWithCurrencyMonthAndDashboardLinks()
    {
        var expected = ExpectedTop(10);
        await WaitForTopAsync("/api/customers/top", expected);
        var admin = await Host.SignInAsync(Host.DemoKeys.Admin!.Key);

        var html = await admin.Http.GetStringAsync("/admin");

        Assert.Contains("""<h2 id="top-customers-heading">Top customers</h2>""", html, StringComparison.Ordinal);
        Assert.Contains("""<span data-testid="top-month">2026-11</span>""", html, StringComparison.Ordinal);
        var rows = TopCustomerRow().Matches(html).Select(m => (m.Groups["customer"].Value, m.Groups["link"].Value, m.Groups["amount"].Value)).ToList();
        Assert.Equal(expected.Select(e => (e.Customer, $"?customer={e.Customer}", $"EUR {e.Total}")), rows);
        Assert.Contains($"""<li data-testid="open-window" data-month="2026-11"><span class="window-month">2026-11</span>""", html, StringComparison.Ordinal);
        Assert.Contains($"""<span class="window-count">{KnownEventSet.Customers.Length}</span>""", html, StringComparison.Ordinal);
    }

    /// <summary>The first <paramref name="count"/> of the set's November totals: highest first, equal totals by id.</summary>
    private List<(string Customer, string Total)> ExpectedTop(int count) =>
    [
        .. KnownEventSet.Customers
            .Select(customer => (Customer: customer, Total: app.Set.CustomerTotal(customer, November)))
            .OrderByDescending(standing => standing.Total)
            .ThenBy(standing => standing.Customer, StringComparer.Ordinal)
            .Take(count)
            .Select(standing => (standing.Customer, ExactTotals.Money(standing.Total))),
    ];

    /// <summary>The silos report every two seconds: waits until the route answers <paramref name="expected"/>.</summary>
    private Task<TopCustomersResponse> WaitForTopAsync(string path, List<(string Customer, string Total)> expected) =>
        WaitForAsync(
            async () => (await Host.Http.GetFromJsonAsync<TopCustomersResponse>(path))!,
            top => top.Customers.Select(c => (c.Customer, c.Total)).SequenceEqual(expected),
            Patience,
            $"{path} to answer {string.Join(", ", expected)}");

    [GeneratedRegex("""<tr data-testid="top-customer" data-customer="(?<customer>[^"]+)">.*?<a href="(?<link>[^"]+)">\k<customer></a>.*?<td class="amount">(?<amount>[^<]+)</td>""", RegexOptions.Singleline)]
    private static partial Regex TopCustomerRow();

    /// <summary>
    /// The app in embedded mode without its generator, after the known event set (three months, nine customers)
    /// was handled and every customer's September and October were invoiced: only November is open.
    /// </summary>
    public sealed class KnownEventsInvoicedThroughOctober : IAsyncLifetime
    {
        private BillingAppHost? host;

        public KnownEventSet Set { get; } = KnownEventSet.Create(eventsPerCustomerMonth: 40, KnownEventSet.DefaultPartitions, seed: 29);

        public BillingAppHost Host => host ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync()
        {
            host = await StartAsync("--Generator:Enabled=false");
            await host.ProduceAsync(Set.Records);
            await host.WaitUntilHandledAsync(Set.Records.Count, Set.Malformed, TimeSpan.FromSeconds(90));
            foreach (var customer in KnownEventSet.Customers)
            {
                await host.WaitForInvoicesAsync(customer, ["2026-09", "2026-10"], TimeSpan.FromSeconds(90));
            }
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

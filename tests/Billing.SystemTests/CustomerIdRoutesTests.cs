using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Events;
using Billing.TestSupport;
using Billing.Web.Api;
using Billing.Web.Security;
using static Billing.SystemTests.Infrastructure.BillingAppHost;

namespace Billing.SystemTests;

/// <summary>
/// Every customer id the codec accepts is reachable by every route; the ids no URL path can carry ('/', '%', '?',
/// '#') are dead-lettered as <c>invalid-customer</c> instead of being invoiced under an address nobody can read.
/// </summary>
public sealed class CustomerIdRoutesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // A formula's '=' first (CSV injection), spaces, '+' and '&' (special in queries), non-ASCII.
    private const string Customer = "=1+2 Zoë & Co";

    [Fact]
    public async Task CustomerWithSpecialCharacters_EveryRouteAndThePageReachIt_UnreachableIdsAreDeadLettered()
    {
        var key = DemoKeys.NewKey();
        await using var host = await StartAsync(
            "--Generator:Enabled=false",
            "--Billing:IdlePartitionTimeout=00:00:01",
            $"--Billing:ApiKeys:0:Sha256={ApiKeyRing.HashOf(key)}",
            $"--Billing:ApiKeys:0:Customer={Customer}");
        await host.ProduceAsync([
            CsvRecords.Event(Customer, EventType.Call, 12.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event(Customer, EventType.Data, 3.00m, "2026-10-02T08:00:00Z"),
            CsvRecords.Raw("a/b", "1790000000000,a/b,1.00,CALL"),
            CsvRecords.Raw("50%", "1790000000000,50%,1.00,CALL"),
            CsvRecords.Raw("who?", "1790000000000,who?,1.00,CALL"),
            CsvRecords.Raw("#1", "1790000000000,#1,1.00,CALL"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        await host.WaitUntilHandledAsync(7, deadLetters: 4, Patience);
        await host.WaitForInvoicesAsync(Uri.EscapeDataString(Customer), ["2026-09"], Patience);
        var http = host.ClientFor(key);
        var path = Uri.EscapeDataString(Customer);

        using var prototype = JsonDocument.Parse(await http.GetStringAsync($"/customers/{path}"));
        var usage = await http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{path}/usage");
        var invoices = await http.GetFromJsonAsync<InvoiceListResponse>($"/api/customers/{path}/invoices");
        using var invoice = JsonDocument.Parse(await http.GetStringAsync($"/api/customers/{path}/invoices/2026-09"));
        var html = await http.GetStringAsync($"/api/customers/{path}/invoices/2026-09.html");
        var csv = await http.GetStringAsync($"/api/customers/{path}/invoices/2026-09.csv");
        var browser = host.NewBrowser();
        using (await browser.PostSignInAsync("/signin", ("Form.Key", key)))
        {
        }

        var page = await browser.Http.GetStringAsync("/");
        var csvLink = $"api/customers/{path}/invoices/2026-09.csv";
        using var download = await browser.Http.GetAsync(csvLink);

        Assert.Equal((Customer, "2026-10", "3.00"), (prototype.RootElement.GetProperty("customer").GetString(), prototype.RootElement.GetProperty("month").GetString(), prototype.RootElement.GetProperty("totalEur").GetString()));
        Assert.Equal((Customer, "2026-10", "3.00"), (usage!.Customer, Assert.Single(usage.Months).Month, usage.Months[0].Total));
        Assert.Equal(("2026-09", "12.00"), (Assert.Single(invoices!.Invoices).Month, invoices.Invoices[0].Total));
        Assert.Equal(Customer, invoice.RootElement.GetProperty("customer").GetString());
        Assert.Contains($"<dd>{Customer}</dd>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        // The formula's '=' is written as text: a spreadsheet shows the id instead of computing 3.
        Assert.Contains(",'=1+2 Zoë & Co,2026-09,EUR,usage,CALL,,1,12.00", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=1+2", csv, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"customer\">{Customer}<", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains($"href=\"{csvLink}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(csv, await download.Content.ReadAsStringAsync());

        var status = await host.Http.GetFromJsonAsync<StatusResponse>("/api/status");
        Assert.Equal(4, status!.DeadLetters);
        var refused = await WaitForAsync(
            async () => (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!.LatestDeadLetters,
            letters => letters.Count == 4,
            Patience,
            "the four refused ids in the status");
        Assert.All(refused, letter => Assert.Equal("invalid-customer", letter.Reason));
        Assert.Equal(
            ["'#1' contains '#'", "'50%' contains '%'", "'a/b' contains '/'", "'who?' contains '?'"],
            refused.Select(letter => letter.Detail["customer ".Length..letter.Detail.IndexOf(',', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Billing.Events;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Api;
using static Billing.SystemTests.Infrastructure.BillingAppHost;

namespace Billing.SystemTests;

/// <summary>
/// The customer dashboard as the server renders it for a signed-in customer: its invoices with working download
/// links, late usage, the months not yet invoiced with their status, the connection state and the daily chart.
/// </summary>
public sealed partial class CustomerDashboardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Every record goes to partition 0; the other partitions never see one and count as idle after a second.
    private static readonly string[] OnePartitionSettings = ["--Generator:Enabled=false", "--Billing:IdlePartitionTimeout=00:00:01"];

    [Fact]
    public async Task Home_CustomerWithAnInvoiceAndALateEvent_ListsTheInvoiceWithDownloadsAndTheAdjustment()
    {
        await using var host = await StartAsync(OnePartitionSettings);
        await host.ProduceAsync([
            CsvRecords.Event("Emma", EventType.Call, 10.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event("Emma", EventType.Call, 20.00m, "2026-10-02T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        await host.WaitForInvoicesAsync("Emma", ["2026-09"], Patience);
        await host.ProduceAsync([CsvRecords.Event("Emma", EventType.Pack, 3.57m, "2026-09-29T23:00:00Z")]);
        await host.WaitForLateEventsAsync("Emma", 1, Patience);
        var browser = await host.SignInAsync(host.DemoKeys.For("Emma")!.Key);

        var home = await browser.Http.GetStringAsync("/");

        Assert.Contains("""data-testid="connection" data-state="live" """, home, StringComparison.Ordinal);
        Assert.Contains("""data-testid="subtotal">EUR 20.00<""", home, StringComparison.Ordinal);
        Assert.Contains("""data-testid="invoices" """, home, StringComparison.Ordinal);
        var row = Assert.Single(InvoiceRows().Matches(home)).Value;
        Assert.Contains("""data-month="2026-09">""", row, StringComparison.Ordinal);
        Assert.Contains("EUR 10.00", row, StringComparison.Ordinal);
        Assert.Matches("""data-testid="invoice-json" href="[^"]+" download=""", row);
        Assert.Matches("""data-testid="invoice-csv" href="[^"]+" download=""", row);
        Assert.Matches("""data-testid="invoice-html" href="[^"]+" target="_blank" """, row);

        var json = Href(row, "invoice-json");
        var csv = Href(row, "invoice-csv");
        var html = Href(row, "invoice-html");
        Assert.All([json, csv, html], href => Assert.False(Uri.IsWellFormedUriString(href, UriKind.Absolute), $"{href} names a host."));
        var invoice = await browser.Http.GetFromJsonAsync<InvoiceResponse>(json);
        Assert.Equal(("2026-09", "10.00"), (invoice!.Month, invoice.Total));
        foreach (var href in new[] { csv, html })
        {
            using var response = await browser.Http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var adjustments = Section(home, "adjustments");
        Assert.Contains("""data-testid="adjustment" data-month="2026-09">""", adjustments, StringComparison.Ordinal);
        Assert.Contains("3.57", adjustments, StringComparison.Ordinal);
        Assert.Contains("1 event arrived", adjustments, StringComparison.Ordinal);
        Assert.Contains("""data-testid="daily-chart" """, home, StringComparison.Ordinal);
        Assert.Contains("Daily usage in October 2026: total EUR 20.00, highest EUR 20.00 on day 2", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_MonthWhoseInvoiceCannotBeIssued_ShowsItClosingBesideTheOpenMonth()
    {
        await using var host = await StartAsync(OnePartitionSettings);
        // A file where the month's folder must go: the September invoice stays closing.
        await File.WriteAllTextAsync(Path.Combine(host.InvoiceDirectory, "2026-09"), "not a folder");
        await host.ProduceAsync([
            CsvRecords.Event("Emma", EventType.Call, 10.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event("Emma", EventType.Data, 2.50m, "2026-10-03T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        await WaitForAsync(
            () => UsageOrNullAsync(host, "Emma"),
            usage => usage?.Months.Any(month => month.Status == "closing") == true,
            Patience,
            "September to be closing");
        var browser = await host.SignInAsync(host.DemoKeys.For("Emma")!.Key);

        var home = await browser.Http.GetStringAsync("/");

        Assert.Contains("""data-testid="subtotal">EUR 2.50<""", home, StringComparison.Ordinal);
        var others = Section(home, "other-months");
        Assert.Contains("""data-testid="open-month" data-month="2026-09" data-status="closing">""", others, StringComparison.Ordinal);
        Assert.Contains("EUR 10.00", others, StringComparison.Ordinal);
        Assert.DoesNotContain("""data-testid="adjustments" """, home, StringComparison.Ordinal);
    }

    // 404 until the customer's first event is counted.
    private static async Task<CustomerUsageResponse?> UsageOrNullAsync(BillingAppHost host, string customer)
    {
        using var response = await host.Http.GetAsync($"/api/customers/{customer}/usage");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<CustomerUsageResponse>();
    }

    // Relative links resolve against the page's <base href="/">, as the browser resolves them.
    private static string Href(string row, string testId)
    {
        var match = Regex.Match(row, $"data-testid=\"{testId}\" href=\"(?<href>[^\"]+)\"");
        Assert.True(match.Success, $"No {testId} link in {row}");
        return "/" + WebUtility.HtmlDecode(match.Groups["href"].Value).TrimStart('/');
    }

    private static string Section(string html, string testId)
    {
        var match = Regex.Match(html, $"<section[^>]*data-testid=\"{testId}\"[\\s\\S]*?</section>");
        Assert.True(match.Success, $"No {testId} section.");
        return match.Value;
    }

    [GeneratedRegex("""<tr data-testid="invoice"[\s\S]*?</tr>""")]
    private static partial Regex InvoiceRows();
}

using System.Text.Json;
using Billing.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Billing.BrowserTests;

/// <summary>The customer page's invoice list: a row per issued invoice, with links to its JSON, CSV and HTML.</summary>
public sealed class InvoiceDownloadBrowserTests(InvoiceDownloadBrowserTests.App fixture) : IClassFixture<InvoiceDownloadBrowserTests.App>
{
    /// <summary>A month of events every 3 s, and idle partitions counted as idle after a second: invoices come soon.</summary>
    public sealed class App : BrowserAppFixture
    {
        protected override string[] Settings =>
        [
            "--Generator:EventDaysPerSecond=10",
            "--Billing:IdlePartitionTimeout=00:00:01",
        ];
    }

    private static readonly TimeSpan FirstInvoice = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task InvoiceJsonLink_SignedInAsEmma_DownloadsTheInvoiceWithTheRowsTotal()
    {
        var page = await fixture.SignInAsync(fixture.EmmaLabel);
        var row = page.Locator("[data-testid=invoice]").First;
        await Expect(row).ToBeVisibleAsync(new() { Timeout = (float)FirstInvoice.TotalMilliseconds });
        await Expect(row.Locator("[data-testid=invoice-csv]")).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid=invoice-html]")).ToHaveCountAsync(1);

        IDownload download;
        try
        {
            download = await page.RunAndWaitForDownloadAsync(
                () => row.Locator("[data-testid=invoice-json]").ClickAsync(),
                new() { Timeout = 15_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                "The invoice's JSON link started no download: it needs a download attribute (or the answer Content-Disposition: attachment).", e);
        }

        Assert.Null(await download.FailureAsync());
        await using var json = await download.CreateReadStreamAsync();
        using var invoice = await JsonDocument.ParseAsync(json);
        Assert.Equal("Emma", invoice.RootElement.GetProperty("customer").GetString());
        var total = invoice.RootElement.GetProperty("total").GetString();
        Assert.False(string.IsNullOrEmpty(total));
        // The row shows it as "EUR 12.34".
        await Expect(row.Locator("[data-testid=invoice-total]")).ToHaveTextAsync($"{invoice.RootElement.GetProperty("currency").GetString()} {total}");
    }
}

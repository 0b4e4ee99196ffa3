using System.Net.Http.Json;
using System.Text.Json;
using Billing.Generator;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>
/// The embedded mode's generator, through the whole system: every closed month of every customer becomes one
/// invoice with the prototype's fixed total, in the store and in files; the last month stays open.
/// </summary>
public sealed class GeneratorMonthsTests
{
    private static readonly string[] ClosedMonths = ["2026-01", "2026-02"];

    [Theory]
    [InlineData("Csv")]
    [InlineData("Json")]
    public async Task Generator_ThreeMonths_OneInvoicePerCustomerAndClosedMonthWithThePrototypesTotal(string format)
    {
        await using var host = await BillingAppHost.StartAsync(
            "--Generator:Enabled=true",
            "--Generator:Months=3",
            "--Generator:StartMonth=2026-01",
            "--Generator:EventDaysPerSecond=90",
            "--Generator:MaxEventsPerSecond=20000",
            $"--Generator:Format={format}",
            // The generator leaves some of the 8 partitions empty: let them count as idle at once.
            "--Billing:IdlePartitionTimeout=00:00:01");
        await WaitUntilGeneratorDoneAndHandledAsync(host);

        foreach (var customer in GeneratorCustomers.All)
        {
            var invoices = await host.WaitForInvoicesAsync(customer.Name, ClosedMonths, TimeSpan.FromSeconds(60));
            Assert.Equal(ClosedMonths.Reverse(), invoices.Invoices.Select(i => i.Month));
            foreach (var invoice in invoices.Invoices)
            {
                Assert.Equal(Amounts.Format(customer.MonthlyTotal), invoice.Total);
                Assert.Empty(invoice.Adjustments);
                Assert.Equal("EUR", invoice.Currency);
                Assert.InRange(invoice.Lines.Sum(l => l.Count), 80, 160);
                await AssertFilesAsync(host, invoice);
            }

            var usage = await host.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer.Name}/usage");
            var march = Assert.Single(usage!.Months);
            Assert.Equal(("2026-03", "open", Amounts.Format(customer.MonthlyTotal)), (march.Month, march.Status, march.Total));
            Assert.Equal(0, usage.LateEvents);
        }

        await ExactTotals.AssertInvoicesGaplessAsync(host.Http, GeneratorCustomers.All.Select(c => c.Name));
    }

    [Fact]
    public async Task Generator_YearsAheadOfTheWallClock_ItsRecordsArePlausibleOnItsOwnClock()
    {
        // The demo's simulated time, not the wall clock, judges its records: starting in 2031 they would all be
        // years ahead of the wall clock and dead-lettered as implausible.
        await using var host = await BillingAppHost.StartOnAppClockAsync(
            "--Generator:Enabled=true",
            "--Generator:Months=2",
            "--Generator:StartMonth=2031-01",
            "--Generator:EventDaysPerSecond=10",
            "--Generator:MaxEventsPerSecond=20000",
            "--Billing:IdlePartitionTimeout=00:00:01");
        await WaitUntilGeneratorDoneAndHandledAsync(host);

        foreach (var customer in GeneratorCustomers.All)
        {
            var invoice = Assert.Single((await host.WaitForInvoicesAsync(customer.Name, ["2031-01"], TimeSpan.FromSeconds(60))).Invoices);
            Assert.Equal(Amounts.Format(customer.MonthlyTotal), invoice.Total);
        }
    }

    private static async Task AssertFilesAsync(BillingAppHost host, InvoiceResponse invoice)
    {
        var folder = Path.Combine(host.InvoiceDirectory, invoice.Month);
        Assert.Equal(
            $"{invoice.Month}\t{invoice.Customer}\t EUR {invoice.Total}\n",
            await File.ReadAllTextAsync(Path.Combine(folder, $"{invoice.Customer}.txt")));
        using var file = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, $"{invoice.Customer}.json")));
        var api = await host.Http.GetStringAsync($"/api/customers/{invoice.Customer}/invoices/{invoice.Month}");
        using var answered = JsonDocument.Parse(api);
        Assert.Equal(invoice.Number, file.RootElement.GetProperty("number").GetInt64());
        Assert.Equal(invoice.Total, file.RootElement.GetProperty("total").GetString());
        Assert.Equal(
            answered.RootElement.GetProperty("lines").GetRawText(),
            file.RootElement.GetProperty("lines").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    /// <summary>Waits for the generator to finish and for every record it produced to be handled, none dead-lettered.</summary>
    private static async Task WaitUntilGeneratorDoneAndHandledAsync(BillingAppHost host)
    {
        var generator = host.App.Services.GetRequiredService<GeneratorService>();
        await generator.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var status = await host.Http.GetFromJsonAsync<StatusResponse>("/api/status");
        await host.WaitUntilHandledAsync(status!.Partitions.Sum(p => p.HighWatermark), deadLetters: 0, TimeSpan.FromSeconds(60));
    }
}

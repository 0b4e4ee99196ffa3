using System.Text.Json;
using Billing.Events;
using Billing.Grains.Invoicing;
using Billing.TestSupport;
using static Billing.SystemTests.Infrastructure.BillingAppHost;

namespace Billing.SystemTests;

/// <summary>An invoice's JSON is one document: the API answers exactly the bytes of the <c>.json</c> file written for it.</summary>
public sealed class InvoiceJsonApiTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Emma")]
    [InlineData("Zoë")]
    public async Task GetInvoice_IssuedMonth_AnswersTheBytesOfItsJsonFile(string customer)
    {
        await using var host = await StartAsync("--Generator:Enabled=false", "--Billing:IdlePartitionTimeout=00:00:01");
        await host.ProduceAsync([
            CsvRecords.Event(customer, EventType.Call, 12.00m, "2026-09-10T08:00:00Z"),
            CsvRecords.Event(customer, EventType.Pack, 3.57m, "2026-09-11T08:00:00Z"),
            CsvRecords.Event("Clock", EventType.Misc, 1.00m, "2026-10-05T00:00:00Z")]);
        var listed = Assert.Single((await host.WaitForInvoicesAsync(Uri.EscapeDataString(customer), ["2026-09"], Patience)).Invoices);

        using var response = await host.Http.GetAsync($"/api/customers/{Uri.EscapeDataString(customer)}/invoices/2026-09");
        response.EnsureSuccessStatusCode();
        var answered = await response.Content.ReadAsByteArrayAsync();
        var file = await File.ReadAllBytesAsync(Path.Combine(host.InvoiceDirectory, "2026-09", InvoiceFileName.For(customer) + ".json"));

        Assert.Equal(file, answered);
        Assert.Equal(InvoiceJson.ContentType, response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(answered);
        Assert.Equal(customer, document.RootElement.GetProperty("customer").GetString());
        Assert.Equal("15.57", document.RootElement.GetProperty("total").GetString());
        // The list carries the issue time exactly as the document writes it: UTC, milliseconds, "Z".
        var issuedAt = document.RootElement.GetProperty("issuedAt").GetString();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", issuedAt);
        Assert.Equal(issuedAt, listed.IssuedAt);
        Assert.Equal((customer, "2026-09", "15.57"), (listed.Customer, listed.Month, listed.Total));
    }
}

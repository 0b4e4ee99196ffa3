using System.Globalization;
using System.Net.Http.Json;
using Billing.Events;
using Billing.Usage;
using Billing.Web.Api;
using Xunit;

namespace Billing.TestSupport;

/// <summary>What a user would check: every customer, type and month answers exactly what the event set adds up to.</summary>
public static class ExactTotals
{
    public static async Task AssertAsync(HttpClient http, KnownEventSet set)
    {
        await AssertCustomersAsync(http, set);
        await AssertTypesAsync(http, set);
    }

    /// <summary>
    /// Every customer and month of the set, open or invoiced, answers exactly the set's totals; for when other
    /// customers' events (which count in the types' totals) have arrived since.
    /// </summary>
    public static async Task AssertCustomersAsync(HttpClient http, KnownEventSet set)
    {
        foreach (var customer in KnownEventSet.Customers)
        {
            var usage = await http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage");
            var invoices = await http.GetFromJsonAsync<InvoiceListResponse>($"/api/customers/{customer}/invoices");
            Assert.NotNull(usage);
            Assert.NotNull(invoices);
            Assert.Equal(customer, usage.Customer);
            Assert.Empty(usage.PendingAdjustments);
            Assert.Equal(0, usage.LateEvents);
            Assert.Equal(set.Copied.Count(e => e.Customer == customer), usage.Duplicates);
            foreach (var month in KnownEventSet.Months)
            {
                // A month is either still in the usage (open, or closing) or on its invoice; in between, both.
                var open = usage.Months.SingleOrDefault(m => m.Month == month.ToString());
                var invoice = invoices.Invoices.SingleOrDefault(i => i.Month == month.ToString());
                Assert.True(open is not null || invoice is not null, $"{customer} {month} is neither open nor invoiced");
                if (open is not null)
                {
                    AssertMonth(set, customer, month, open.Count, open.Total, open.Types.Select(t => (t.Type, t.Count, t.Total)));
                }

                if (invoice is not null)
                {
                    Assert.Empty(invoice.Adjustments);
                    AssertMonth(set, customer, month, invoice.Lines.Sum(l => l.Count), invoice.Total, invoice.Lines.Select(l => (l.Type, l.Count, l.Amount)));
                }
            }

            // The prototype's route answers the most recent month, in exactly its JSON shape.
            var latest = KnownEventSet.Months[^1];
            Assert.Equal(
                $$"""{"customer":"{{customer}}","month":"{{latest}}","totalEur":"{{Money(set.CustomerTotal(customer, latest))}}"}""",
                await http.GetStringAsync($"/customers/{customer}"));
        }
    }

    /// <summary>Every event type and month of the set answers exactly the set's totals, and no other month.</summary>
    public static async Task AssertTypesAsync(HttpClient http, KnownEventSet set)
    {
        foreach (var type in EventTypes.All)
        {
            var usage = await http.GetFromJsonAsync<EventTypeUsageResponse>($"/api/types/{type.WireName()}/usage");
            Assert.NotNull(usage);
            Assert.Equal(set.Copied.Count(e => e.Type == type), usage.Duplicates);
            Assert.Equal(KnownEventSet.Months.Select(m => m.ToString()), usage.Months.Select(m => m.Month));
            foreach (var (month, answered) in KnownEventSet.Months.Zip(usage.Months))
            {
                var (count, total) = set.TypeTotal(type, month);
                Assert.Equal(count, answered.Count);
                Assert.Equal(Money(total), answered.Total);
            }

            // Types are case-insensitive on the prototype's route.
            var latest = KnownEventSet.Months[^1];
            Assert.Equal(
                $$"""{"type":"{{type.WireName()}}","month":"{{latest}}","totalEur":"{{Money(set.TypeTotal(type, latest).Total)}}"}""",
                await http.GetStringAsync($"/types/{type.WireName().ToLowerInvariant()}"));
        }
    }

    /// <summary>Every invoice of the set's customers: numbered 1..N without gaps or repeats, one per customer and month.</summary>
    public static async Task<IReadOnlyList<InvoiceResponse>> AssertInvoicesGaplessAsync(HttpClient http, IEnumerable<string> customers)
    {
        var invoices = new List<InvoiceResponse>();
        foreach (var customer in customers)
        {
            var list = await http.GetFromJsonAsync<InvoiceListResponse>($"/api/customers/{customer}/invoices");
            invoices.AddRange(list!.Invoices);
        }

        Assert.Equal(Enumerable.Range(1, invoices.Count).Select(n => (long)n), invoices.Select(i => i.Number).Order());
        Assert.Equal(invoices.Count, invoices.DistinctBy(i => (i.Customer, i.Month)).Count());
        return invoices;
    }

    /// <summary>One invoice of the set's customers: no adjustments, and lines and total exactly the set's for its customer and month.</summary>
    public static void AssertInvoice(KnownEventSet set, InvoiceResponse invoice)
    {
        Assert.True(BillingMonth.TryParse(invoice.Month, out var month), invoice.Month);
        Assert.Equal("EUR", invoice.Currency);
        Assert.Empty(invoice.Adjustments);
        AssertMonth(set, invoice.Customer, month, invoice.Lines.Sum(l => l.Count), invoice.Total, invoice.Lines.Select(l => (l.Type, l.Count, l.Amount)));
    }

    private static void AssertMonth(
        KnownEventSet set, string customer, BillingMonth month, int count, string total, IEnumerable<(string Type, int Count, string Total)> types)
    {
        Assert.Equal(Money(set.CustomerTotal(customer, month)), total);
        Assert.Equal(set.CustomerCount(customer, month), count);
        var byType = types.ToDictionary(t => t.Type);
        foreach (var type in EventTypes.All)
        {
            var (expectedCount, expectedTotal) = set.CustomerTypeTotal(customer, month, type);
            var line = byType.GetValueOrDefault(type.WireName());
            Assert.Equal(expectedCount, line.Count);
            Assert.Equal(Money(expectedTotal), line.Total ?? "0.00");
        }
    }

    public static string Money(decimal amount) => amount.ToString("F2", CultureInfo.InvariantCulture);
}

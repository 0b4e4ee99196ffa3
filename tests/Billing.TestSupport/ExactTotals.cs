using System.Globalization;
using System.Net.Http.Json;
using Billing.Events;
using Billing.Web.Api;
using Xunit;

namespace Billing.TestSupport;

/// <summary>What a user would check: every customer, type and month answers exactly what the event set adds up to.</summary>
public static class ExactTotals
{
    public static async Task AssertAsync(HttpClient http, KnownEventSet set)
    {
        foreach (var customer in KnownEventSet.Customers)
        {
            var usage = await http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage");
            Assert.NotNull(usage);
            Assert.Equal(customer, usage.Customer);
            Assert.Equal(KnownEventSet.Months.Select(m => m.ToString()), usage.Months.Select(m => m.Month));
            foreach (var (month, answered) in KnownEventSet.Months.Zip(usage.Months))
            {
                Assert.Equal(Money(set.CustomerTotal(customer, month)), answered.Total);
                Assert.Equal(set.CustomerCount(customer, month), answered.Count);
                foreach (var type in EventTypes.All)
                {
                    var (count, total) = set.CustomerTypeTotal(customer, month, type);
                    var line = answered.Types.SingleOrDefault(t => t.Type == type.WireName());
                    Assert.Equal(count, line?.Count ?? 0);
                    Assert.Equal(Money(total), line?.Total ?? "0.00");
                }
            }

            // The prototype's route answers the most recent month, in exactly its JSON shape.
            var latest = KnownEventSet.Months[^1];
            Assert.Equal(
                $$"""{"customer":"{{customer}}","month":"{{latest}}","totalEur":"{{Money(set.CustomerTotal(customer, latest))}}"}""",
                await http.GetStringAsync($"/customers/{customer}"));
        }

        foreach (var type in EventTypes.All)
        {
            var usage = await http.GetFromJsonAsync<EventTypeUsageResponse>($"/api/types/{type.WireName()}/usage");
            Assert.NotNull(usage);
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

    public static string Money(decimal amount) => amount.ToString("F2", CultureInfo.InvariantCulture);
}

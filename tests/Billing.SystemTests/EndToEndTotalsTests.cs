using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Events;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Api;

namespace Billing.SystemTests;

/// <summary>
/// The walking skeleton end to end: records into the embedded broker, through the stream provider into
/// customer and type grains, out of the HTTP API with exact totals.
/// </summary>
public sealed class EndToEndTotalsTests
{
    private const int Partitions = 8;

    [Fact]
    public async Task KnownEventSet_ProducedDisorderedInBothFormats_ApiAnswersExactTotalsAndCountsDeadLetters()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 40, Partitions, seed: 11);
        await using var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");

        await host.ProduceAsync(set.Records);
        var status = await host.WaitUntilHandledAsync(set.Records.Count, set.Malformed, TimeSpan.FromSeconds(90));

        Assert.Equal("embedded", status.Mode);
        Assert.False(status.Durable);
        Assert.Equal(Partitions, status.Partitions.Count);
        Assert.Equal(set.Malformed, status.DeadLetters);

        foreach (var customer in KnownEventSet.Customers)
        {
            var usage = await host.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage");
            Assert.NotNull(usage);
            Assert.Equal(customer, usage.Customer);
            Assert.Equal(KnownEventSet.Months.Select(m => m.ToString()), usage.Months.Select(m => m.Month));
            foreach (var (month, answered) in KnownEventSet.Months.Zip(usage.Months))
            {
                Assert.Equal(Money(set.CustomerTotal(customer, month)), answered.Total);
                Assert.Equal(set.CustomerCount(customer, month), answered.Count);
                Assert.Equal("open", answered.Status);
                foreach (var type in EventTypes.All)
                {
                    var (count, total) = set.CustomerTypeTotal(customer, month, type);
                    var line = answered.Types.SingleOrDefault(t => t.Type == type.WireName());
                    Assert.Equal(count, line?.Count ?? 0);
                    Assert.Equal(Money(total), line?.Total ?? "0.00");
                }
            }

            // The prototype's route answers the most recent open month, in exactly its JSON shape.
            var latest = KnownEventSet.Months[^1];
            var json = await host.Http.GetStringAsync($"/customers/{customer}");
            Assert.Equal(
                $$"""{"customer":"{{customer}}","month":"{{latest}}","totalEur":"{{Money(set.CustomerTotal(customer, latest))}}"}""",
                json);
        }

        foreach (var type in EventTypes.All)
        {
            var usage = await host.Http.GetFromJsonAsync<EventTypeUsageResponse>($"/api/types/{type.WireName()}/usage");
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
            var json = await host.Http.GetStringAsync($"/types/{type.WireName().ToLowerInvariant()}");
            Assert.Equal(
                $$"""{"type":"{{type.WireName()}}","month":"{{latest}}","totalEur":"{{Money(set.TypeTotal(type, latest).Total)}}"}""",
                json);
        }
    }

    [Theory]
    [InlineData("/customers/Nobody")]
    [InlineData("/customers/emma")]
    [InlineData("/api/customers/Nobody/usage")]
    [InlineData("/types/TEXT")]
    [InlineData("/api/types/TEXT/usage")]
    public async Task UnknownKeys_Answer404WithAMessage(string path)
    {
        await using var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");
        await host.ProduceAsync([(0, "Emma"u8.ToArray(), "1700000000000,Emma,1.00,CALL"u8.ToArray())]);
        await host.WaitUntilHandledAsync(1, 0, TimeSpan.FromSeconds(60));

        var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Health_LiveAndReady_Answer200()
    {
        await using var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/ready")).StatusCode);
    }

    private static string Money(decimal amount) => amount.ToString("F2", CultureInfo.InvariantCulture);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;

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
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 40, Partitions, seed: 11, copyEvery: 4);
        await using var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");

        await host.ProduceAsync(set.Records);
        var status = await host.WaitUntilHandledAsync(set.Records.Count, set.Malformed, TimeSpan.FromSeconds(90));

        Assert.Equal("embedded", status.Mode);
        Assert.False(status.Durable);
        Assert.Equal(Partitions, status.Partitions.Count);
        Assert.Equal(set.Malformed, status.DeadLetters);

        await ExactTotals.AssertAsync(host.Http, set);
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
        await host.ProduceAsync([(0, "Emma"u8.ToArray(), "1790000000000,Emma,1.00,CALL"u8.ToArray())]);
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

}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Billing.SystemTests.Infrastructure;
using static Billing.SystemTests.Infrastructure.IngestClient;

namespace Billing.SystemTests;

/// <summary>
/// <c>POST /api/events</c> at its limits, each test on an app of its own: the events-per-second budget (429),
/// and Kafka not acknowledging in time (503, then the same ids sent again are billed once).
/// </summary>
public sealed class IngestLimitsTests
{
    [Fact]
    public async Task PastMaxEventsPerSecond_Answers429WithRetryAfter_ProducesNothing_AndAcceptsAgainOnceTheBudgetRefills()
    {
        var (key, settings) = NewIngestKey(0);
        await using var host = await BillingAppHost.StartAsync(
            ["--Generator:Enabled=false", "--Billing:Ingest:MaxBatchSize=5", "--Billing:Ingest:MaxEventsPerSecond=5", .. settings]);
        var ingest = host.ClientFor(key);
        var full = Batch([.. Enumerable.Range(1, 5).Select(n => Event($"rate-{n}", "Rate", "CALL", "1.00"))]);
        var more = Batch([.. Enumerable.Range(6, 3).Select(n => Event($"rate-{n}", "Rate", "CALL", "1.00"))]);

        // The first request also starts the producer: the budget is full again by the time it is answered.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(ingest, Event("rate-0", "RateWarmUp", "CALL", "1.00"))).Status);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(ingest, full)).Status);
        var before = await RecordsInTopicAsync(host);
        var (status, body, response) = await PostAsync(ingest, more);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Billing:Ingest:MaxEventsPerSecond", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(before, await RecordsInTopicAsync(host));

        await Task.Delay(retryAfter.Value);
        var (again, accepted, _) = await PostAsync(ingest, more);
        Assert.Equal(HttpStatusCode.Accepted, again);
        Assert.Equal(["rate-6", "rate-7", "rate-8"], Accepted(accepted));
        Assert.Equal((8, "8.00"), await BilledAsync(host, "Rate"));
    }

    [Theory]
    [InlineData("--Billing:Ingest:MaxBatchSize=0", "Billing:Ingest:MaxBatchSize")]
    [InlineData("--Billing:Ingest:MaxEventsPerSecond=10", "Billing:Ingest:MaxEventsPerSecond")]
    [InlineData("--Billing:Ingest:ProduceTimeout=00:10:00", "Billing:Ingest:ProduceTimeout")]
    [InlineData("--Billing:Ingest:ProduceTimeout=ten seconds", "Billing:Ingest:ProduceTimeout")]
    [InlineData("--Billing:Ingest:MaxRequestBytes=10", "Billing:Ingest:MaxRequestBytes")]
    public async Task BadIngestSetting_StopsTheAppAtStartNamingTheKey(string setting, string key)
    {
        var problem = await Assert.ThrowsAnyAsync<Exception>(() => BillingAppHost.StartAsync("--Generator:Enabled=false", setting));

        Assert.Contains(key, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KafkaDown_Answers503WithinTheProduceTimeoutNamingWhatWasNotAccepted_AndTheSameIdsSentAgainAreBilledOnce()
    {
        var (key, settings) = NewIngestKey(0);
        await using var host = await BillingAppHost.StartAsync(["--Generator:Enabled=false", "--Billing:Ingest:ProduceTimeout=00:00:01", .. settings]);
        var ingest = host.ClientFor(key);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(ingest, Event("down-0", "Down", "CALL", "0.50"))).Status);
        var batch = Batch(Event("down-1", "Down", "CALL", "1.25"), Event("down-2", "Down", "DATA", "2.50"));

        host.Broker.SetBrokerDown(1);
        var clock = Stopwatch.StartNew();
        (HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response) down;
        try
        {
            down = await PostAsync(ingest, batch);
        }
        finally
        {
            host.Broker.SetBrokerUp(1);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        Assert.Equal("application/problem+json", down.Response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(down.Body.GetProperty("accepted").EnumerateArray());
        Assert.Equal(["down-1", "down-2"], down.Body.GetProperty("notAccepted").EnumerateArray().Select(id => id.GetString()));
        Assert.Contains("send the others again with the same ids", down.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The producer reconnects with its own back-off: a client retries until an event of its own goes through.
        var probe = 0;
        await BillingAppHost.WaitForAsync(
            async () => (await PostAsync(ingest, Event($"probe-{++probe}", "DownProbe", "CALL", "0.01"))).Status,
            answer => answer == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(60),
            "Kafka to acknowledge again");
        var (status, body, _) = await PostAsync(ingest, batch);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(["down-1", "down-2"], Accepted(body));
        Assert.Equal((3, "4.25"), await BilledAsync(host, "Down"));
    }
}

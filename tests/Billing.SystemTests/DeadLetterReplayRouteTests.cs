using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Billing.Events;
using Billing.Grains.Streaming.Kafka;
using Billing.SystemTests.Infrastructure;
using Billing.TestSupport;
using Billing.Web.Api;
using Confluent.Kafka;

namespace Billing.SystemTests;

/// <summary>
/// An admin replays the dead letters of one reason from the web app: by <c>POST /api/deadletters/replay</c>, or
/// from the admin view through a confirmation page whose form carries an antiforgery token. Both put the records
/// back on the incoming topic with the replay <c>Billing.Silo deadletters</c> uses.
/// </summary>
public sealed partial class DeadLetterReplayRouteTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Route_DryRunThenReplay_StillBadRecordsComeBackToTheDeadLetters()
    {
        await using var host = await StartWithThreeDeadLettersAsync();

        var dryRun = await ReplayAsync(host.Http, "/api/deadletters/replay?reason=unknown-type&dryRun=true");
        var afterDryRun = await host.WaitUntilHandledAsync(3, deadLetters: 3, Patience);
        var replay = await ReplayAsync(host.Http, "/api/deadletters/replay?reason=unknown-type");

        Assert.Equal(new DeadLetterReplayResponse("unknown-type", "billableevents.incoming", 2, 2, 0, 0, DryRun: true), dryRun);
        Assert.Equal(3, afterDryRun.Partitions.Sum(p => p.HighWatermark));
        Assert.Equal(new DeadLetterReplayResponse("unknown-type", "billableevents.incoming", 2, 2, 0, 0, DryRun: false), replay);
        var status = await host.WaitUntilHandledAsync(5, deadLetters: 5, Patience);
        // The two replays were read where they landed, and set aside again for the same reason.
        var newest = status.LatestDeadLetters.Take(2).ToList();
        Assert.All(newest, letter => Assert.Equal("unknown-type", letter.Reason));
        Assert.DoesNotContain(newest, letter => letter is { SourcePartition: 0, SourceOffset: 0 or 1 });
    }

    [Fact]
    public async Task Route_ADeadLetterValidNow_IsBilledOnceReplayed()
    {
        await using var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");
        // Set aside by an earlier configuration, as the provider writes a dead letter: the record, its reason and origin.
        await ProduceDeadLetterAsync(host, CsvRecords.Event("Emma", EventType.Call, 4.25m, "2026-11-14T10:00:00Z"), "implausible-time", partition: 6, offset: 41);

        var replay = await ReplayAsync(host.Http, "/api/deadletters/replay?reason=implausible-time");

        Assert.Equal(1, replay.Replayed);
        await host.WaitUntilHandledAsync(1, deadLetters: 1, Patience);
        Assert.Equal("""{"customer":"Emma","month":"2026-11","totalEur":"4.25"}""", await host.Http.GetStringAsync("/customers/Emma"));
    }

    [Theory]
    [InlineData("/api/deadletters/replay", "?reason=")]
    [InlineData("/api/deadletters/replay?reason=%20", "?reason=")]
    [InlineData("/api/deadletters/replay?reason=unknown-type&dryRun=maybe", "dryRun is true or false")]
    public async Task Route_BadRequest_Answers400WithAMessage(string path, string message)
    {
        await using var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");

        using var response = await host.Http.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminView_ReplayAReason_ShowsWhatWillBeReplayed_ThenReplaysOnConfirmation()
    {
        await using var host = await StartWithThreeDeadLettersAsync();
        var admin = await host.SignInAsync(host.DemoKeys.Admin!.Key);

        var view = await BillingAppHost.WaitForAsync(
            () => admin.Http.GetStringAsync("/admin"), page => page.Contains("replay-reason", StringComparison.Ordinal), Patience, "the dead letters on the admin view");
        var reasons = await admin.Http.GetStringAsync("/admin/deadletters/replay");
        var confirmation = await admin.Http.GetStringAsync("/admin/deadletters/replay?reason=unknown-type");

        Assert.Contains("""<a href="admin/deadletters/replay?reason=unknown-type" data-testid="replay-reason">""", view, StringComparison.Ordinal);
        Assert.Contains("""<a href="admin/deadletters/replay" data-testid="replay-dead-letters">""", view, StringComparison.Ordinal);
        Assert.Equal(
            [("non-positive-amount", "1"), ("unknown-type", "2")],
            ReasonRow().Matches(reasons).Select(m => (m.Groups["reason"].Value, m.Groups["count"].Value)));
        Assert.Contains("2 dead letters of reason <code>unknown-type</code> (2 distinct records)", confirmation, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(confirmation, "data-testid=\"dead-letter-to-replay\"").Count);
        Assert.Contains("Replay 2 dead letters of reason unknown-type</button>", confirmation, StringComparison.Ordinal);
        // Looking is not replaying.
        await host.WaitUntilHandledAsync(3, deadLetters: 3, Patience);

        using var confirmed = await admin.Http.PostAsync("/admin/deadletters/replay?reason=unknown-type", Form(WebAppHost.AntiforgeryToken(confirmation), "unknown-type"));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var result = await confirmed.Content.ReadAsStringAsync();
        Assert.Matches("""data-testid="replay-result">\s*Replayed 2 of the 2 dead letters of reason <code>unknown-type</code>""", result);
        await host.WaitUntilHandledAsync(5, deadLetters: 5, Patience);
    }

    [Fact]
    public async Task AdminView_ConfirmationWithoutAntiforgeryTokenOrFromACustomer_ReplaysNothing()
    {
        await using var host = await StartWithThreeDeadLettersAsync();
        var admin = await host.SignInAsync(host.DemoKeys.Admin!.Key);
        var emma = await host.SignInAsync(host.DemoKeys.For("Emma")!.Key, followRedirects: false);

        using var withoutToken = await admin.Http.PostAsync("/admin/deadletters/replay?reason=unknown-type", new FormUrlEncodedContent(
        [
            new("_handler", "replay-deadletters"),
            new("Confirmed", "unknown-type"),
        ]));
        using var asCustomer = await emma.Http.GetAsync("/admin/deadletters/replay?reason=unknown-type");
        using var customerPost = await emma.Http.PostAsync("/admin/deadletters/replay?reason=unknown-type", Form("", "unknown-type"));
        using var customerRoute = await host.ClientFor(host.DemoKeys.For("Emma")!.Key).PostAsync("/api/deadletters/replay?reason=unknown-type", null);

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, asCustomer.StatusCode);
        Assert.Equal("/denied", asCustomer.Headers.Location!.OriginalString.Split('?')[0].Replace(host.Address.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        Assert.False(customerPost.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customerRoute.StatusCode);
        // A replay answers only once the broker acknowledged what it produced: a refused one that produced
        // would show in the topic's end already.
        var status = await host.WaitUntilHandledAsync(3, deadLetters: 3, Patience);
        Assert.Equal(3, status.Partitions.Sum(p => p.HighWatermark));
    }

    /// <summary>Partition 0: two records of an unknown type (offsets 0 and 1) and one of a negative amount, all dead letters.</summary>
    private static async Task<BillingAppHost> StartWithThreeDeadLettersAsync()
    {
        var host = await BillingAppHost.StartAsync("--Generator:Enabled=false");
        await host.ProduceAsync([
            CsvRecords.Raw("Emma", "1790000000000,Emma,1.00,FAX"),
            CsvRecords.Raw("Emma", "1790000000000,Emma,2.00,FAX"),
            CsvRecords.Raw("Emma", "1790000000000,Emma,-1.00,CALL")]);
        await host.WaitUntilHandledAsync(3, deadLetters: 3, Patience);
        return host;
    }

    private static async Task<DeadLetterReplayResponse> ReplayAsync(HttpClient http, string path)
    {
        using var response = await http.PostAsync(path, null);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<DeadLetterReplayResponse>())!;
    }

    private static FormUrlEncodedContent Form(string token, string reason) => new(
    [
        new("_handler", "replay-deadletters"),
        new("__RequestVerificationToken", token),
        new("Confirmed", reason),
    ]);

    private static async Task ProduceDeadLetterAsync(BillingAppHost host, (int Partition, byte[]? Key, byte[] Value) record, string reason, int partition, long offset)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = host.Broker.BootstrapServers, Acks = Acks.All }).Build();
        await producer.ProduceAsync("billableevents.deadletter", new Message<byte[]?, byte[]?>
        {
            Key = record.Key,
            Value = record.Value,
            Headers = new Headers
            {
                { KafkaDeadLetterHeaders.Reason, System.Text.Encoding.UTF8.GetBytes(reason) },
                { KafkaDeadLetterHeaders.Detail, "set aside by an earlier configuration"u8.ToArray() },
                { KafkaDeadLetterHeaders.SourceTopic, "billableevents.incoming"u8.ToArray() },
                { KafkaDeadLetterHeaders.SourcePartition, System.Text.Encoding.ASCII.GetBytes(partition.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                { KafkaDeadLetterHeaders.SourceOffset, System.Text.Encoding.ASCII.GetBytes(offset.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            },
        });
    }

    [GeneratedRegex("""<tr data-testid="dead-letter-reason" data-reason="(?<reason>[^"]+)">.*?<td class="amount">(?<count>\d+)</td>""", RegexOptions.Singleline)]
    private static partial Regex ReasonRow();
}

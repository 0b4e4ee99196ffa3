using System.Globalization;
using System.Net.Http.Json;
using Billing.ClusterTests.Infrastructure;
using Billing.Events;
using Billing.Grains.Streaming.Kafka;
using Billing.Records;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;
using Billing.TestSupport.Processes;
using Billing.Web.Api;

namespace Billing.ClusterTests;

/// <summary>
/// <c>Billing.Silo deadletters</c> as an operator runs it against a real cluster (Billing.Silo processes on
/// PostgreSQL, the embedded broker): records in dollars are dead-lettered while the silos bill in euros
/// (<c>Billing:Currency</c> wrong), the silos are restarted with the right currency, and the dead letters are
/// replayed; the totals are then exact, and a record that is still bad (in pounds) is dead-lettered again with
/// its first origin.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeadLetterReplayTests(PostgresFixture postgres)
{
    private const string Reason = "wrong-currency";
    private const int Produced = 6;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Partition 0: Emma's CSV and dollars; 1: Olivia's CSV and pounds (offset 1); 2 and 3: dollars.</summary>
    private static readonly (int Partition, byte[]? Key, byte[] Value)[] Records =
    [
        CsvRecords.Event("Emma", EventType.Call, 10.00m, "2026-11-02T08:00:00Z", partition: 0),
        Json("Emma", EventType.Call, 1.10m, "2026-11-03T08:00:00Z", "USD", partition: 0),
        CsvRecords.Event("Olivia", EventType.Data, 20.00m, "2026-11-04T08:00:00Z", partition: 1),
        Json("Olivia", EventType.Data, 9.99m, "2026-11-05T08:00:00Z", "GBP", partition: 1),
        Json("Emma", EventType.Data, 2.20m, "2026-11-06T08:00:00Z", "USD", partition: 2),
        Json("Olivia", EventType.Call, 3.30m, "2026-11-07T08:00:00Z", "USD", partition: 3),
    ];

    [Fact]
    public async Task Replay_AfterTheCurrencyIsFixed_BillsTheRejectedRecordsExactly_AndAStillBadOneGoesBackWithItsOrigin()
    {
        await using var cluster = await StartWithDollarsRejectedAsync();

        await FixTheCurrencyAsync(cluster);
        var replay = await RunAsync(cluster, "replay", "--reason", Reason);

        Assert.Contains($"replayed 4 of 4 dead letters selected (reason {Reason}) to billableevents.incoming", replay, StringComparison.Ordinal);
        await cluster.WaitUntilHandledAsync(Produced + 4, Patience);
        await WaitForDeadLettersAsync(cluster, 5);
        await AssertBilledOnceAsync(cluster);
        var letters = await Replayer(cluster).ListAsync(KafkaDeadLetterSelection.OfReason(Reason), CancellationToken.None);
        Assert.Equal(5, letters.Count);
        var again = Assert.Single(letters, l => l.WasReplayed);
        Assert.Equal(new KafkaRecordOrigin(1, 1), again.Origin);
        Assert.Contains("GBP", again.Letter.Detail, StringComparison.Ordinal);
        Assert.NotEqual((1, 1L), (again.Letter.SourcePartition, again.Letter.SourceOffset));
        Assert.Equal(5, cluster.DeadLetters().Total);
    }

    /// <summary>
    /// Replaying twice does not bill twice: the second replay produces the same records with the same origins, and
    /// the customer grains count an event whose id (<c>origin:partition/offset</c>) they have seen once. Waits for
    /// the grains' de-duplication by event id.
    /// </summary>
    [Fact]
    public async Task Replay_TheSameDeadLettersTwice_BillsThemOnce()
    {
        await using var cluster = await StartWithDollarsRejectedAsync();
        await FixTheCurrencyAsync(cluster);

        Assert.Contains("replayed 4 of 4 dead letters", await RunAsync(cluster, "replay", "--reason", Reason), StringComparison.Ordinal);
        await cluster.WaitUntilHandledAsync(Produced + 4, Patience);
        await WaitForDeadLettersAsync(cluster, 5);
        // The second time the pounds' copy is there too: one origin, produced once.
        var second = await RunAsync(cluster, "replay", "--all");
        Assert.Contains("replayed 4 of 5 dead letters selected (all dead letters)", second, StringComparison.Ordinal);
        Assert.Contains("1 not produced: copies of a record whose origin this replay already produced", second, StringComparison.Ordinal);
        await cluster.WaitUntilHandledAsync(Produced + 8, Patience);
        await WaitForDeadLettersAsync(cluster, 6);

        await AssertBilledOnceAsync(cluster);
    }

    [Fact]
    public async Task List_FiltersByReasonAndTime_AndADryRunProducesNothing()
    {
        await using var cluster = await StartWithDollarsRejectedAsync();
        var before = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var after = DateTimeOffset.UtcNow.AddMinutes(10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var all = await RunAsync(cluster, "list");
        var byReason = await RunAsync(cluster, "list", "--reason", Reason, "--since", before);
        var otherReason = await RunAsync(cluster, "list", "--reason", "unknown-type");
        var tooLate = await RunAsync(cluster, "list", "--since", after);
        var dryRun = await RunAsync(cluster, "replay", "--partition", "0", "--from-offset", "1", "--to-offset", "1", "--dry-run");

        Assert.Contains("4 dead letters in billableevents.deadletter (all dead letters)", all, StringComparison.Ordinal);
        Assert.Contains($"4 dead letters in billableevents.deadletter (reason {Reason}; set aside since {before})", byReason, StringComparison.Ordinal);
        // The summary by reason, then one line each with where it was read, its origin and the codec's detail.
        Assert.Matches($@"{Reason}\s+4\s+\d{{4}}-", byReason);
        foreach (var (partition, offset, currency) in new[] { (0, 1, "USD"), (1, 1, "GBP"), (2, 0, "USD"), (3, 0, "USD") })
        {
            Assert.Matches($@"Z\s+{Reason}\s+{partition}\s+{offset}\s+{partition}/{offset}\s+.*{currency}", byReason);
        }

        Assert.Contains("0 dead letters in billableevents.deadletter (reason unknown-type)", otherReason, StringComparison.Ordinal);
        Assert.Contains($"0 dead letters in billableevents.deadletter (set aside since {after})", tooLate, StringComparison.Ordinal);
        Assert.Contains("dry run: would replay 1 of 1 dead letters selected (partition 0, offsets 1 to 1) to billableevents.incoming; nothing produced", dryRun, StringComparison.Ordinal);
        // A replay returns only once the broker acknowledged what it produced: a dry run that produced would
        // show in the topic's end already.
        var status = await cluster.StatusAsync();
        Assert.Equal(Produced, status.Partitions.Sum(p => p.HighWatermark));
        Assert.Equal(4, status.DeadLetters);
    }

    [Theory]
    [InlineData]
    [InlineData("show")]
    [InlineData("replay")]
    [InlineData("replay", "--all", "--reason", Reason)]
    [InlineData("replay", "--reason")]
    [InlineData("replay", "--partition", "x")]
    [InlineData("replay", "--partition", "1", "--from-offset", "5", "--to-offset", "4")]
    [InlineData("replay", "--from-offset", "5", "--all")]
    [InlineData("replay", "--all", "--since", "2026-12-01")]
    [InlineData("list", "--all")]
    [InlineData("list", "--since", "yesterday")]
    [InlineData("list", "--dry-run")]
    public async Task BadArguments_ExitTwoWithTheUsage(params string[] arguments)
    {
        await using var command = AppProcess.Run(RepositoryPaths.SiloAssembly, "deadletters", ["deadletters", .. arguments, "--Kafka:BootstrapServers=127.0.0.1:9"]);

        Assert.Equal(2, await command.WaitForExitAsync(Patience));
        Assert.Contains("usage: Billing.Silo deadletters list", command.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutBootstrapServers_ExitsTwoNamingTheKey()
    {
        await using var command = AppProcess.Run(RepositoryPaths.SiloAssembly, "deadletters", "deadletters", "list");

        Assert.Equal(2, await command.WaitForExitAsync(Patience));
        Assert.Contains("Kafka:BootstrapServers is required", command.Output, StringComparison.Ordinal);
    }

    /// <summary>A silo billing in euros has read the records: the dollars and the pounds are dead letters, the CSV billed.</summary>
    private async Task<ClusterHarness> StartWithDollarsRejectedAsync()
    {
        var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();
        await cluster.ProduceAsync(Records);
        await cluster.WaitUntilHandledAsync(Produced, Patience);
        await WaitForDeadLettersAsync(cluster, 4);
        return cluster;
    }

    /// <summary>The operator's fix: every process restarted with <c>Billing:Currency=USD</c>.</summary>
    private static async Task FixTheCurrencyAsync(ClusterHarness cluster)
    {
        await cluster.StopWebClientAsync();
        await cluster.Silos[0].StopAsync(Patience);
        await cluster.StartSiloAsync("Billing:Currency=USD");
        await cluster.StartWebClientAsync("Billing:Currency=USD");
    }

    /// <summary>The CSV records and the dollars, each exactly once; the pounds nowhere.</summary>
    private static async Task AssertBilledOnceAsync(ClusterHarness cluster)
    {
        await AssertCustomerAsync(cluster, "Emma", count: 3, "13.30");
        await AssertCustomerAsync(cluster, "Olivia", count: 2, "23.30");
        await AssertTypeAsync(cluster, "CALL", count: 3, "14.40");
        await AssertTypeAsync(cluster, "DATA", count: 2, "22.20");
    }

    private static async Task AssertCustomerAsync(ClusterHarness cluster, string customer, int count, string total)
    {
        var usage = await cluster.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage");
        var month = Assert.Single(usage!.Months);
        Assert.Equal(("2026-11", count, total), (month.Month, month.Count, month.Total));
        Assert.Equal("USD", usage.Currency);
    }

    private static async Task AssertTypeAsync(ClusterHarness cluster, string type, int count, string total)
    {
        var usage = await cluster.Http.GetFromJsonAsync<EventTypeUsageResponse>($"/api/types/{type}/usage");
        var month = Assert.Single(usage!.Months);
        Assert.Equal(("2026-11", count, total), (month.Month, month.Count, month.Total));
    }

    private static Task WaitForDeadLettersAsync(ClusterHarness cluster, long count) =>
        ClusterHarness.WaitUntilHoldsAsync(async () => (await cluster.StatusAsync()).DeadLetters == count, Patience, () => $"{count} dead letters\n{cluster.SiloOutput}");

    /// <summary>Runs <c>Billing.Silo deadletters …</c> against the cluster's Kafka; its output once it exited 0.</summary>
    private static async Task<string> RunAsync(ClusterHarness cluster, params string[] arguments)
    {
        await using var command = AppProcess.Run(
            RepositoryPaths.SiloAssembly, "deadletters", ["deadletters", .. arguments, $"--Kafka:BootstrapServers={cluster.Broker.BootstrapServers}"]);
        var exit = await command.WaitForExitAsync(Patience);
        Assert.True(exit == 0, $"deadletters {string.Join(' ', arguments)} exited {exit}:\n{command.Output}");
        return command.Output;
    }

    private static KafkaDeadLetterReplayer Replayer(ClusterHarness cluster) =>
        new(new KafkaStreamOptions { BootstrapServers = cluster.Broker.BootstrapServers });

    private static (int Partition, byte[]? Key, byte[] Value) Json(string customer, EventType type, decimal amount, string time, string currency, int partition) =>
        (partition, BillableEventCodec.EncodeKey(customer), BillableEventCodec.EncodeJson(
            new BillableEvent(customer, type, amount, DateTimeOffset.Parse(time, CultureInfo.InvariantCulture)), currency));
}

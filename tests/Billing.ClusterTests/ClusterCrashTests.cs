using Billing.ClusterTests.Infrastructure;
using Billing.TestSupport;
using Billing.TestSupport.Postgres;
using Billing.Web.Api;

namespace Billing.ClusterTests;

/// <summary>
/// Crash tests on a real cluster: Billing.Silo processes on PostgreSQL and the embedded Kafka broker, read
/// through Billing.Web as a cluster client. Each ends with exact totals for every customer, type and month.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterCrashTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task OneOfThreeSilos_KilledMidStream_TotalsStayExactAndNeverGoBackwards()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 60, KnownEventSet.DefaultPartitions, seed: 21, copyEvery: 7);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        var victim = await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();
        await using var sampler = SubtotalSampler.Start(cluster.Http);

        var half = set.Records.Count / 2;
        await cluster.ProduceAsync(set.Records.Take(half));
        await cluster.WaitUntilCommittedAsync(half / 4, Patience);
        await victim.KillAsync();
        await cluster.ProduceAsync(set.Records.Skip(half));
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);

        await ExactTotals.AssertAsync(cluster.Http, set);
        // The killed silo may have dead-lettered records it had not committed: they are written again.
        Assert.Equal(set.Malformed, cluster.DeadLetters().DistinctOrigins);
        Assert.True(sampler.Samples > 0);
        Assert.Empty(sampler.Regressions);
    }

    [Fact]
    public async Task WholeCluster_StoppedMidStreamAndStartedAgain_ResumesFromPostgresAndCommittedOffsets()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 60, KnownEventSet.DefaultPartitions, seed: 22);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        var first = await cluster.StartSiloAsync();
        var second = await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();

        await cluster.ProduceAsync(set.Records);
        await cluster.WaitUntilCommittedAsync(set.Records.Count / 4, Patience);
        await Task.WhenAll(first.StopAsync(Patience), second.StopAsync(Patience));
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);

        await ExactTotals.AssertAsync(cluster.Http, set);
        Assert.Equal(set.Malformed, cluster.DeadLetters().DistinctOrigins);
    }

    [Fact]
    public async Task Silo_KilledAfterStateWritesBeforeAnyOffsetCommit_ReplayChangesNothing()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 30, KnownEventSet.DefaultPartitions, seed: 23, copyEvery: 5);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        // No commit can happen while this silo lives: every state write lands before any offset commit.
        var silo = await cluster.StartSiloAsync("Kafka:CommitInterval=01:00:00");
        await cluster.StartWebClientAsync();

        await cluster.ProduceAsync(set.Records);
        // The grains answer only what they stored, so exact answers mean every effect is in PostgreSQL.
        await ClusterHarness.WaitUntilAsync(async () =>
        {
            try
            {
                await ExactTotals.AssertAsync(cluster.Http, set);
                return true;
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException or HttpRequestException)
            {
                return false;
            }
        }, Patience, () => "every effect stored\n" + cluster.SiloOutput);
        Assert.All((await cluster.StatusAsync()).Partitions, partition => Assert.Null(partition.CommittedOffset));

        await silo.KillAsync();
        await cluster.StartSiloAsync();
        // Every record is read again.
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);
        await cluster.WaitUntilAnsweringAsync(Patience);

        // Dead letters are at least once too: each malformed record was written a second time, with the same
        // origin headers, exactly once more here since nothing had been committed.
        Assert.Equal(new DeadLetterCount(2 * set.Malformed, set.Malformed), cluster.DeadLetters());

        // The applied offsets in the stored state made the replay a no-op for the money.
        await ExactTotals.AssertAsync(cluster.Http, set);
    }

    [Fact]
    public async Task PartitionLeader_DownForAWhileThenBack_NothingLost()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 40, KnownEventSet.DefaultPartitions, seed: 24);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server, brokers: 2);
        await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();

        await cluster.ProduceAsync(set.Records);
        cluster.Broker.SetBrokerDown(1);
        // While broker 1 is down its partitions cannot be read or committed; the others flow on.
        await Task.Delay(TimeSpan.FromSeconds(3));
        cluster.Broker.SetBrokerUp(1);
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);

        await ExactTotals.AssertAsync(cluster.Http, set);
        Assert.Equal(set.Malformed, cluster.DeadLetters().DistinctOrigins);
    }

    [Fact]
    public async Task Postgres_RestartedMidStream_WritesAreRetriedAndNothingIsLost()
    {
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 60, KnownEventSet.DefaultPartitions, seed: 25);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();

        await cluster.ProduceAsync(set.Records);
        await cluster.WaitUntilCommittedAsync(set.Records.Count / 5, Patience);
        await postgres.Server.StopAsync();
        // Writes fail while it is down; the grains deactivate and the streams redeliver.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.Server.StartAsync();
        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);

        await ExactTotals.AssertAsync(cluster.Http, set);
        Assert.Equal(set.Malformed, cluster.DeadLetters().DistinctOrigins);
    }

    /// <summary>
    /// Before, a delivery that kept failing for MaxEventDeliveryTime (Orleans' default, one minute) was set
    /// aside as a dead letter: valid usage lost from every total. PostgreSQL down for twice that long now only
    /// makes the partitions wait, and the status says so while it lasts.
    /// </summary>
    [Fact]
    public async Task Postgres_DownForTwiceTheOldDeliveryTimeout_PartitionsWaitShowingTheStallAndNothingIsDeadLettered()
    {
        var outage = TimeSpan.FromMinutes(2);
        var set = KnownEventSet.Create(eventsPerCustomerMonth: 30, KnownEventSet.DefaultPartitions, seed: 26);
        await using var cluster = await ClusterHarness.StartAsync(postgres.Server);
        await cluster.StartSiloAsync();
        await cluster.StartWebClientAsync();
        var half = set.Records.Count / 2;
        await cluster.ProduceAsync(set.Records.Take(half));
        await cluster.WaitUntilHandledAsync(half, Patience);

        await postgres.Server.StopAsync();
        try
        {
            var outageEnds = DateTime.UtcNow + outage;
            await cluster.ProduceAsync(set.Records.Skip(half));

            // The evidence that the outage bites: deliveries fail and the status names the stalled partitions.
            StatusResponse? stalled = null;
            await ClusterHarness.WaitUntilAsync(async () =>
                (stalled = await cluster.StatusAsync()).Stalled is { Count: > 0 } stalls && stalls.All(stall => stall.Attempts >= 2),
                Patience, () => "stalled partitions in the status\n" + cluster.SiloOutput);
            Assert.All(stalled!.Stalled!, stall =>
            {
                // The root cause, in one line: PostgreSQL cannot be reached.
                Assert.StartsWith("NpgsqlException: ", stall.LastError, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', stall.LastError);
                Assert.Matches("^(customer|type)/", stall.Stream);
                Assert.True(stall.Since < DateTimeOffset.UtcNow);
            });
            while (DateTime.UtcNow < outageEnds)
            {
                // Whatever the delivery time-out was, nothing valid is set aside meanwhile (the malformed records
                // of the second half go to the dead-letter topic as they are read).
                Assert.InRange(cluster.DeadLetters().DistinctOrigins, 0, set.Malformed);
                await Task.Delay(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            await postgres.Server.StartAsync();
        }

        await cluster.WaitUntilHandledAsync(set.Records.Count, Patience);

        await ExactTotals.AssertAsync(cluster.Http, set);
        Assert.Equal(new DeadLetterCount(set.Malformed, set.Malformed), cluster.DeadLetters());
        await ClusterHarness.WaitUntilAsync(async () => (await cluster.StatusAsync()).Stalled is { Count: 0 },
            Patience, () => "the stalls to clear from the status");
    }
}

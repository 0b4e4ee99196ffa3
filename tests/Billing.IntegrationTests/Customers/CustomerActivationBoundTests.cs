using Billing.Events;
using Billing.Grains;
using Billing.Grains.Customers;
using Billing.Grains.Hosting;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.IntegrationTests.Customers;

/// <summary>
/// A silo keeps at most Billing:MaxActiveCustomers customer grains active. Far more customers than that take
/// events in turns, so that most of them are deactivated between two of their events; each event still counts
/// exactly once, because what a customer applied was stored before it could be deactivated.
/// </summary>
public sealed class CustomerActivationBoundTests
{
    private const int Bound = 4;
    private const int Customers = 40;
    private const int Rounds = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TenTimesMoreCustomersThanTheBound_EventsInTurns_ActivationsStayWithinItAndEveryTotalIsExact()
    {
        await using var harness = await KafkaIngestionHarness.StartAsync(configureSilo: silo =>
            silo.Services.Configure<BillingOptions>(options => options.MaxActiveCustomers = Bound));
        var events = new List<(int Partition, BillableEvent Event)>();
        for (var round = 1; round <= Rounds; round++)
        {
            for (var i = 0; i < Customers; i++)
            {
                var billable = new BillableEvent(
                    $"bound-{i:D2}", EventTypes.All[(i + round) % EventTypes.All.Count], round * 1.25m + i / 100m,
                    new DateTimeOffset(2026, 11, round, 9, 0, 0, TimeSpan.Zero));
                events.Add((i % KafkaIngestionHarness.Partitions, billable));
            }
        }

        // A round at a time, so that every customer's next event comes after the others of the round.
        foreach (var round in events.Chunk(Customers))
        {
            await harness.ProduceAsync(round.Select(e => TestRecord.Csv(e.Partition, e.Event)));
        }

        await harness.WaitForCommitsAsync(
            [.. Enumerable.Range(0, KafkaIngestionHarness.Partitions).Select(p => (long)events.Count(e => e.Partition == p))], Patience);

        var activations = harness.Cluster.Silos[0].ServiceProvider.GetRequiredService<CustomerActivations>();
        Assert.True(activations.Deactivated >= Customers - Bound, $"only {activations.Deactivated} deactivations");
        await WaitUntilAtMostTheBoundAreActiveAsync(harness);

        foreach (var customer in events.Select(e => e.Event).GroupBy(e => e.Customer))
        {
            var usage = await harness.Cluster.Client.GetGrain<ICustomerGrain>(customer.Key).GetUsageAsync();
            var november = Assert.Single(usage!.OpenMonths);
            Assert.Equal((customer.Count(), customer.Sum(e => e.Amount)), (november.Count, november.Total));
        }

        // Reading every customer activated each again, and still no more than the bound stay.
        await WaitUntilAtMostTheBoundAreActiveAsync(harness);
    }

    /// <summary>Orleans' own count of customer activations (deactivation completes after the bound asks for it).</summary>
    private static async Task WaitUntilAtMostTheBoundAreActiveAsync(KafkaIngestionHarness harness)
    {
        var management = harness.Cluster.Client.GetGrain<IManagementGrain>(0);
        async Task<int> CountAsync() => (await management.GetSimpleGrainStatistics())
            .Where(statistic => statistic.GrainType.Contains(nameof(CustomerGrain), StringComparison.Ordinal))
            .Sum(statistic => statistic.ActivationCount);

        await Eventually.UntilAsync(
            async () => await CountAsync() is > 0 and <= Bound,
            Patience,
            async () => $"{await CountAsync()} customer activations, bound {Bound}",
            TimeSpan.FromMilliseconds(100));
    }
}

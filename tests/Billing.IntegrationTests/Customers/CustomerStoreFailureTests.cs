using Billing.Events;
using Billing.Grains;
using Billing.IntegrationTests.Infrastructure;

namespace Billing.IntegrationTests.Customers;

/// <summary>
/// A customer grain applies a batch in memory, then stores it: it tells its directory shard what it holds, then
/// writes its state. When either step fails the batch is delivered again, and it must then be applied again
/// from what was stored, not skipped as already applied by a memory that was never stored.
/// </summary>
public sealed class CustomerStoreFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DirectoryReport_FailsTwiceForANewMonth_TheRedeliveredBatchIsStoredAndSurvivesDeactivation()
    {
        var failures = new FailingDirectoryReports(2);
        await using var harness = await KafkaIngestionHarness.StartAsync(configureSilo: silo => silo.AddIncomingGrainCallFilter(failures.InvokeAsync));
        var events = Enumerable.Range(1, 5)
            .Select(day => new BillableEvent("Emma", EventType.Call, day * 1.25m, new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero)))
            .ToList();

        await harness.ProduceAsync(events.Select(e => TestRecord.Csv(0, e)));
        await harness.WaitForCommitsAsync([5, .. Enumerable.Repeat(-1001L, KafkaIngestionHarness.Partitions - 1)], Patience);

        Assert.Equal(2, failures.Refused);
        // Only what was stored answers once the activation is gone.
        var grains = harness.Cluster.Client;
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var usage = await grains.GetGrain<ICustomerGrain>("Emma").GetUsageAsync();
        var november = Assert.Single(usage!.OpenMonths);
        Assert.Equal((5, 18.75m), (november.Count, november.Total));
    }

    /// <summary>Refuses the first reports any directory shard receives, as a shard on a silo that just died would.</summary>
    private sealed class FailingDirectoryReports(int count)
    {
        private int refused;

        public int Refused => Math.Min(count, Volatile.Read(ref refused));

        public Task InvokeAsync(IIncomingGrainCallContext context)
        {
            if (context.Grain is ICustomerDirectoryGrain
                && context.InterfaceMethod.Name == nameof(ICustomerDirectoryGrain.ReportAsync)
                && Interlocked.Increment(ref refused) <= count)
            {
                throw new SiloUnavailableException("The shard's silo is gone (injected).");
            }

            return context.Invoke();
        }
    }
}

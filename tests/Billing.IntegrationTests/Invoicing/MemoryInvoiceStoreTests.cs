using Billing.Grains;
using Billing.Grains.Invoicing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Billing.IntegrationTests.Invoicing;

/// <summary>The embedded-mode store on a two-silo in-process cluster: one ledger for the whole deployment.</summary>
public sealed class MemoryInvoiceStoreTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task IssueAsync_ConcurrentlyThroughStoresOnTwoSilos_NumbersGaplessOneInvoicePerCustomerAndMonth()
    {
        await using var cluster = await StartClusterAsync();
        var stores = cluster.Silos.Select(silo => StoreOf(cluster, silo)).ToArray();
        var drafts = TestDrafts.Distinct(500);

        // Every draft twice, once through each silo's store, all at once.
        var calls = drafts.SelectMany(draft => stores.Select(store => store.IssueAsync(draft, CancellationToken.None))).ToArray();
        var invoices = await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 500).Select(n => (long)n), invoices.Select(invoice => invoice.Number).Distinct().Order());
        foreach (var byCustomer in invoices.GroupBy(invoice => invoice.Customer, StringComparer.Ordinal))
        {
            Assert.Equal(2, byCustomer.Count());
            Assert.Single(byCustomer.Select(invoice => invoice.Number).Distinct());
        }
    }

    [Fact]
    public async Task IssueAsync_SameCustomerAndMonthAgain_ReturnsFirstInvoiceAndTakesNoNumber()
    {
        await using var cluster = await StartClusterAsync();
        var first = StoreOf(cluster, cluster.Silos[0]);
        var second = StoreOf(cluster, cluster.Silos[1]);
        var emma = await first.IssueAsync(TestDrafts.For("Emma", amount: 12.00m), CancellationToken.None);

        var again = await second.IssueAsync(TestDrafts.For("Emma", amount: 99.00m), CancellationToken.None);
        var olivia = await second.IssueAsync(TestDrafts.For("Olivia"), CancellationToken.None);

        TestDrafts.AssertSame(emma, again);
        Assert.Equal(1, emma.Number);
        Assert.Equal(12.00m, again.Total);
        Assert.Equal(2, olivia.Number);
        Assert.Equal(2, await first.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task InvoiceQueryGrain_IssuedInvoices_ListsNewestFirstAndFindsEach()
    {
        await using var cluster = await StartClusterAsync();
        var store = StoreOf(cluster, cluster.Silos[0]);
        var august = await store.IssueAsync(TestDrafts.For("Emma", new(2026, 8)), CancellationToken.None);
        var september = await store.IssueAsync(TestDrafts.For("Emma", new(2026, 9)), CancellationToken.None);
        var query = cluster.Client.GetGrain<IInvoiceQueryGrain>(0);

        var listed = await query.ListAsync("Emma");

        Assert.Equal([2L, 1], listed.Select(invoice => invoice.Number));
        TestDrafts.AssertSame(september, listed[0]);
        TestDrafts.AssertSame(august, await query.FindAsync("Emma", new(2026, 8)));
        Assert.Null(await query.FindAsync("Emma", new(2026, 10)));
        Assert.Empty(await query.ListAsync("Olivia"));
    }

    private static IInvoiceStore StoreOf(InProcessTestCluster cluster, InProcessSiloHandle silo) =>
        cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IInvoiceStore>();

    private static async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) => host.Services.AddSingleton<IInvoiceStore, MemoryInvoiceStore>());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

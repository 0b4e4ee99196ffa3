using System.Globalization;
using System.Net.Http.Json;
using Billing.DeploymentTests.Infrastructure;
using Billing.Events;
using Billing.TestSupport;
using Billing.Usage;
using Billing.Web.Api;

namespace Billing.DeploymentTests;

/// <summary>
/// The compose stack as an operator runs it (deploy/compose/compose.yaml; the override substitutes only Kafka
/// and PostgreSQL), walked in steps: a known event set through Kafka, exact totals and invoices through the web
/// container's published port, the metrics every process serves, one silo killed with SIGKILL, and the demo
/// generator. The steps share the stack and run in order.
/// </summary>
[Collection(ContainerCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class ComposeStackTests(ComposeStack stack) : IClassFixture<ComposeStack>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly KnownEventSet Set = KnownEventSet.Create(eventsPerCustomerMonth: 20, KnownEventSet.DefaultPartitions, seed: 14);
    private static readonly string[] Silos = ["silo-1", "silo-2"];

    [Fact]
    [Step(1)]
    public async Task KnownEventSet_WhileItFlows_EverySiloServesTheProjectsMetrics()
    {
        var producing = TestProducer.ProduceAsync(stack.BootstrapServers, Set.Records);

        // While the records are on their way: the silos' scrape endpoints count them.
        await WaitUntilAsync(async () => (await ScrapeSilosAsync()).Sum(m => m.Sum("billing_kafka_records_read_total")) > 0, "records read");
        await producing;
        await WaitUntilHandledAsync(Set.Records.Count);

        var silos = await ScrapeSilosAsync();
        Assert.All(silos, metrics => Assert.NotEmpty(metrics.Of("orleans_catalog_activations")));
        Assert.True(silos.Sum(m => m.Sum("billing_kafka_records_read_total")) >= Set.Records.Count);
        Assert.True(silos.Sum(m => m.Sum("billing_kafka_records_handled_total")) >= Set.Records.Count);
        Assert.True(silos.Sum(m => m.Sum("billing_kafka_records_delivered_total")) >= Set.Records.Count - Set.Malformed);
        Assert.True(silos.Sum(m => m.Sum("billing_kafka_records_deadlettered_total")) >= Set.Malformed);
        Assert.Equal(KnownEventSet.DefaultPartitions, silos.SelectMany(m => m.Of("billing_kafka_partition_lag")).Select(s => s.Labels["partition"]).Distinct().Count());
        Assert.Contains(silos, metrics => metrics.Of("billing_watermark_delay_seconds").Any());
        Assert.All(silos, metrics => Assert.Equal(0, metrics.Sum("billing_kafka_partitions_stalled", ("topic", "billableevents.incoming"))));
        var web = PrometheusText.Parse(await ScrapeAsync("web"));
        Assert.NotEmpty(web.Of("billing_live_feeds", ("kind", "customer")));
        Assert.NotEmpty(web.Of("http_server_request_duration_seconds_count", ("http_route", "/api/status")));
    }

    [Fact]
    [Step(2)]
    public async Task KnownEventSet_ThroughTheWebPort_AnswersExactTotalsAndInvoices()
    {
        await WaitUntilHandledAsync(Set.Records.Count);
        await WaitUntilInvoicedAsync(KnownEventSet.Months[..2]);

        var status = await StatusAsync();
        Assert.Equal("cluster", status.Mode);
        Assert.Equal(Set.Malformed, status.DeadLetters);
        Assert.Equal("2026-10", status.ClosedThrough);
        await ExactTotals.AssertAsync(stack.Http, Set);
        var invoices = await ExactTotals.AssertInvoicesGaplessAsync(stack.Http, KnownEventSet.Customers);
        Assert.Equal(KnownEventSet.Customers.Length * 2, invoices.Count);
        Assert.All(invoices, invoice => ExactTotals.AssertInvoice(Set, invoice));
        var september = await stack.Http.GetFromJsonAsync<InvoiceResponse>("/api/customers/Emma/invoices/2026-09");
        Assert.Equal(ExactTotals.Money(Set.CustomerTotal("Emma", KnownEventSet.Months[0])), september!.Total);
    }

    [Fact]
    [Step(3)]
    public async Task Dashboard_QueriesOnlyMetricsTheProcessesExport()
    {
        var exported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in Silos.Append("web"))
        {
            exported.UnionWith(PrometheusText.Parse(await ScrapeAsync(service)).Names);
        }

        var dashboard = GrafanaDashboard.Load();
        Assert.Empty(dashboard.Metrics.Except(exported).Order(StringComparer.Ordinal));
    }

    [Fact]
    [Step(4)]
    public async Task Silo_KilledWithSigkill_TotalsStayExactAndTheClusterKeepsIngesting()
    {
        await WaitUntilHandledAsync(Set.Records.Count);
        var victim = stack.Container("silo-1");
        await Podman.KillAsync(victim, "KILL");
        var (status, exitCode) = await Podman.StateAsync(victim);
        Assert.NotEqual("running", status);
        Assert.Equal(137, exitCode);

        // Newcomers on every partition, half of them once read by the dead silo, in November (still open).
        var november = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        var newcomers = Enumerable.Range(0, KnownEventSet.DefaultPartitions)
            .Select(partition => CsvRecords.Event($"after-kill-{partition}", EventType.Call, 2.50m, november, partition))
            .ToList();
        await TestProducer.ProduceAsync(stack.BootstrapServers, newcomers);

        await WaitUntilHandledAsync(Set.Records.Count + newcomers.Count);
        await ExactTotals.AssertCustomersAsync(stack.Http, Set);
        var invoices = await ExactTotals.AssertInvoicesGaplessAsync(stack.Http, KnownEventSet.Customers);
        Assert.Equal(KnownEventSet.Customers.Length * 2, invoices.Count);
        Assert.All(invoices, invoice => ExactTotals.AssertInvoice(Set, invoice));
        for (var partition = 0; partition < KnownEventSet.DefaultPartitions; partition++)
        {
            var usage = await stack.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/after-kill-{partition}/usage");
            Assert.Equal([("2026-11", 1, "2.50")], usage!.Months.Select(m => (m.Month, m.Count, m.Total)));
        }

        Assert.True(await Podman.IsHealthyAsync(stack.Container("silo-2")));
    }

    [Fact]
    [Step(5)]
    public async Task Generator_OfTheDemoProfile_ProducesIntoTheClusterAndServesItsMetrics()
    {
        var before = (await StatusAsync()).Partitions.Sum(p => p.CommittedOffset ?? 0);

        await stack.StartAsync("generator");

        await WaitUntilAsync(async () => (await StatusAsync()).Partitions.Sum(p => p.CommittedOffset ?? 0) > before, "the generator's events committed");
        var generator = PrometheusText.Parse(await ScrapeAsync("generator"));
        Assert.True(generator.Sum("dotnet_gc_collections_total") + generator.Sum("dotnet_process_cpu_time_seconds_total") > 0);
    }

    private async Task<StatusResponse> StatusAsync() => (await stack.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!;

    private async Task<string> ScrapeAsync(string service)
    {
        using var http = new HttpClient { BaseAddress = await stack.MonitoringAddressAsync(service) };
        return await http.GetStringAsync("/metrics");
    }

    private async Task<List<PrometheusText>> ScrapeSilosAsync()
    {
        var running = new List<PrometheusText>();
        foreach (var silo in Silos)
        {
            if ((await Podman.StateAsync(stack.Container(silo))).Status == "running")
            {
                running.Add(PrometheusText.Parse(await ScrapeAsync(silo)));
            }
        }

        return running;
    }

    /// <summary>Every record handled: committed offsets at the end of every partition, nothing left to read.</summary>
    private Task WaitUntilHandledAsync(long produced) =>
        WaitUntilAsync(async () =>
        {
            var status = await StatusAsync();
            return status.TotalLag == 0 && status.Partitions.Sum(p => p.CommittedOffset ?? 0) == produced;
        }, $"{produced} records handled");

    /// <summary>Every customer of the set has its invoice for each of <paramref name="months"/>, and no longer lists them as open.</summary>
    private Task WaitUntilInvoicedAsync(IReadOnlyList<BillingMonth> months) =>
        WaitUntilAsync(async () =>
        {
            foreach (var customer in KnownEventSet.Customers)
            {
                var invoices = await stack.Http.GetFromJsonAsync<InvoiceListResponse>($"/api/customers/{customer}/invoices");
                var usage = await stack.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer}/usage");
                if (months.Any(month => invoices!.Invoices.All(i => i.Month != month.ToString()) || usage!.Months.Any(m => m.Month == month.ToString())))
                {
                    return false;
                }
            }

            return true;
        }, $"invoices for {string.Join(", ", months)}");

    private Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.UntilAsync(condition, Patience, async () => $"{what}:\n{await stack.DescribeAsync()}");
}

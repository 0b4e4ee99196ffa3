using Billing.DeploymentTests.Infrastructure;

namespace Billing.DeploymentTests;

/// <summary>
/// The Grafana dashboard (deploy/monitoring/grafana/dashboards) parses and shows what operators of the pipeline
/// watch. That every metric it queries is exported is checked against the running compose stack
/// (<see cref="ComposeStackTests.Dashboard_QueriesOnlyMetricsTheProcessesExport"/>).
/// </summary>
public sealed class DashboardTests
{
    [Fact]
    public void Dashboard_HasAPanelForEachThingOperatorsWatch_QueryingTheProvisionedPrometheus()
    {
        var dashboard = GrafanaDashboard.Load();

        Assert.Equal(
            ["Activations", "Dead letters by reason", "HTTP requests", "Ingestion rate vs baseline", "Invoices", "Lag per partition", "Live feeds",
                "Stalled partitions", "Watermark delay"],
            dashboard.Panels.Select(panel => panel.Title).Order(StringComparer.Ordinal));
        Assert.All(dashboard.Panels, panel => Assert.Equal("prometheus", panel.Datasource));
        Assert.All(dashboard.Panels, panel => Assert.NotEmpty(panel.Queries));
        Assert.Contains("billing_kafka_records_deadlettered_total", dashboard.Metrics);
        Assert.Contains("orleans_catalog_activations", dashboard.Metrics);
    }

    [Theory]
    [InlineData("sum by (reason) (increase(billing_kafka_records_deadlettered_total{topic=\"x\"}[5m]))", "billing_kafka_records_deadlettered_total")]
    [InlineData("sum(rate(billing_kafka_records_delivered_total[1m] offset 7d))", "billing_kafka_records_delivered_total")]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))", "http_server_request_duration_seconds_bucket")]
    [InlineData("max(billing_a) - on (partition) billing_b", "billing_a,billing_b")]
    public void MetricsIn_NamesTheMetricsOfAQuery(string query, string metrics) =>
        Assert.Equal(metrics.Split(','), GrafanaDashboard.MetricsIn(query).Order(StringComparer.Ordinal));
}

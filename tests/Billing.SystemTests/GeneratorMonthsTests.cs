using System.Net.Http.Json;
using Billing.Generator;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>The embedded mode's generator, through the whole system, adds up to the prototype's monthly totals.</summary>
public sealed class GeneratorMonthsTests
{
    [Theory]
    [InlineData("Csv")]
    [InlineData("Json")]
    public async Task Generator_ThreeMonths_EveryCustomerMonthAddsUpToItsFixedTotal(string format)
    {
        await using var host = await BillingAppHost.StartAsync(
            "--Generator:Enabled=true",
            "--Generator:Months=3",
            "--Generator:StartMonth=2026-01",
            "--Generator:EventDaysPerSecond=90",
            "--Generator:MaxEventsPerSecond=20000",
            $"--Generator:Format={format}");
        var generator = host.App.Services.GetRequiredService<GeneratorService>();
        await generator.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var status = await host.Http.GetFromJsonAsync<StatusResponse>("/api/status");
        var produced = status!.Partitions.Sum(p => p.HighWatermark);
        await host.WaitUntilHandledAsync(produced, deadLetters: 0, TimeSpan.FromSeconds(60));

        foreach (var customer in GeneratorCustomers.All)
        {
            var usage = await host.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{customer.Name}/usage");
            Assert.NotNull(usage);
            Assert.Equal(["2026-01", "2026-02", "2026-03"], usage.Months.Select(m => m.Month));
            Assert.All(usage.Months, month => Assert.Equal(Amounts.Format(customer.MonthlyTotal), month.Total));
        }

        var customers = await host.Http.GetFromJsonAsync<CustomerUsageResponse>($"/api/customers/{GeneratorCustomers.All[0].Name}/usage");
        Assert.All(customers!.Months, month => Assert.InRange(month.Count, 80, 160));
    }
}

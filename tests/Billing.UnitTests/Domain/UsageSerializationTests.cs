using Billing.Events;
using Billing.Grains.Domain;
using Billing.Usage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Billing.UnitTests.Domain;

/// <summary>The per-day totals through the Orleans serializer, which grain state and grain calls use.</summary>
public sealed class UsageSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(MonthlyWindow).Assembly).AddAssembly(typeof(MonthUsage).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void MonthlyWindow_WithDays_RoundTrips()
    {
        var window = new MonthlyWindow();
        window.Add(new BillableEvent("Emma", EventType.Call, 2.50m, new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), null));

        var copy = Serializer.Deserialize<MonthlyWindow>(Serializer.SerializeToArray(window))!;

        Assert.Equal(window.TotalByDay, copy.TotalByDay);
        Assert.Equal(2.50m, copy.ToUsage(new BillingMonth(2026, 11), MonthStatus.Open).ByDay![2]);
    }

    [Fact]
    public void MonthlyWindow_WithoutDays_AsStateWrittenBeforeThem_ReadsAsEmptyDays()
    {
        var copy = Serializer.Deserialize<MonthlyWindow>(Serializer.SerializeToArray(new MonthlyWindow()))!;

        Assert.Null(copy.TotalByDay);
        Assert.Empty(copy.ToUsage(new BillingMonth(2026, 11), MonthStatus.Open).ByDay!);
    }

    [Fact]
    public void MonthUsage_WithoutByDay_RoundTripsAsNull()
    {
        var usage = new MonthUsage(new BillingMonth(2026, 11), 1, 1.00m, [], MonthStatus.Open);

        var copy = Serializer.Deserialize<MonthUsage>(Serializer.SerializeToArray(usage))!;

        Assert.Null(copy.ByDay);
        Assert.Equal(usage.Total, copy.Total);
    }
}

using Billing.Grains.Customers;
using Billing.Grains.Domain;
using Billing.Usage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Billing.UnitTests.Customers;

/// <summary>The directory's and the leaderboard's state through the Orleans serializer that grain storage uses.</summary>
public sealed class StoredStateSerializationTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(builder => builder
            .AddAssembly(typeof(CustomerDirectoryState).Assembly)
            .AddAssembly(typeof(BillingMonth).Assembly)
            .AddAssembly(typeof(StoredStateSerializationTests).Assembly))
        .BuildServiceProvider();

    [Fact]
    public void State_WrittenBeforeMonthsWereKept_ReadsWithItsCustomersAndNoMonths()
    {
        var before = new DirectoryStateBeforeMonths { Customers = new(["Emma", "Olivia"], StringComparer.Ordinal) };

        // Written as its declared type, the payload carries fields only, as stored state of the old class did.
        var bytes = Services.GetRequiredService<Serializer<DirectoryStateBeforeMonths>>().SerializeToArray(before);
        var read = Services.GetRequiredService<Serializer<CustomerDirectoryState>>().Deserialize(bytes)!;

        Assert.Equal(["Emma", "Olivia"], read.Customers.Order(StringComparer.Ordinal));
        Assert.Empty(read.OpenMonths);
        Assert.Empty(new OpenWindowTally([read]).Count());
    }

    [Fact]
    public void State_WithMonths_RoundTrips()
    {
        var state = new CustomerDirectoryState();
        new OpenWindowTally().Report(state, "Emma", [new BillingMonth(2026, 10), new BillingMonth(2026, 11)]);

        var serializer = Services.GetRequiredService<Serializer<CustomerDirectoryState>>();
        var read = serializer.Deserialize(serializer.SerializeToArray(state))!;

        Assert.Equal(["Emma"], read.Customers);
        Assert.Equal([new BillingMonth(2026, 10), new BillingMonth(2026, 11)], read.OpenMonths["Emma"]);
    }

    [Fact]
    public void LeaderboardState_RoundTripsWithExactTotals()
    {
        var state = new CustomerLeaderboardState();
        var at = new DateTimeOffset(2026, 11, 20, 12, 0, 0, 123, TimeSpan.Zero);
        CustomerLeaderboard.Merge(
            state,
            new StandingsReport(new BillingMonth(2026, 9), [new("Emma", new BillingMonth(2026, 11), 1234567.89m, at), new("Ava", new BillingMonth(2026, 10), 0.01m, at)]),
            CustomerRanking.Depth);

        var serializer = Services.GetRequiredService<Serializer<CustomerLeaderboardState>>();
        var read = serializer.Deserialize(serializer.SerializeToArray(state))!;

        Assert.Equal(new BillingMonth(2026, 9), read.ClosedThrough);
        Assert.Equal([new CustomerStanding("Emma", new BillingMonth(2026, 11), 1234567.89m, at)], read.Months[new BillingMonth(2026, 11)]);
        Assert.Equal([new CustomerStanding("Ava", new BillingMonth(2026, 10), 0.01m, at)], read.Months[new BillingMonth(2026, 10)]);
    }
}

/// <summary>The directory's state as it was before it kept months: the customers only.</summary>
[GenerateSerializer]
[Alias("billing.tests.customer-directory-state-before-months")]
public sealed class DirectoryStateBeforeMonths
{
    [Id(0)]
    public HashSet<string> Customers { get; init; } = new(StringComparer.Ordinal);
}

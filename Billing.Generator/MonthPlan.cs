using System.Globalization;
using Billing.Events;
using Billing.Generator.Internal;

namespace Billing.Generator;

/// <summary>
/// The events of one calendar month (UTC): for each of <see cref="GeneratorCustomers.All"/>, its monthly total split
/// into <see cref="MinEventsPerCustomer"/> to <see cref="MaxEventsPerCustomer"/> positive amounts with 2 decimals,
/// at uniform millisecond times within the month, of uniform types. Pure: the same seed and month give the same events.
/// </summary>
public static class MonthPlan
{
    /// <summary>The fewest events a customer has in a month.</summary>
    public const int MinEventsPerCustomer = 80;

    /// <summary>The most events a customer has in a month.</summary>
    public const int MaxEventsPerCustomer = 160;

    /// <summary>Generates the month that starts at <paramref name="monthStart"/>, sorted by event time, then id.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="monthStart">Midnight UTC on the first day of the month.</param>
    /// <exception cref="ArgumentException"><paramref name="monthStart"/> is not the start of a month in UTC.</exception>
    public static IReadOnlyList<BillableEvent> Generate(int seed, DateTimeOffset monthStart)
    {
        if (monthStart != MonthText.StartOf(monthStart) || monthStart.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Expected midnight UTC on the first day of a month.", nameof(monthStart));
        }

        var monthIndex = (monthStart.Year * 12) + monthStart.Month - 1;
        var random = new Random(SeedMixer.Mix(seed, monthIndex));
        var monthMillis = (long)(monthStart.AddMonths(1) - monthStart).TotalMilliseconds;
        var idPrefix = string.Create(CultureInfo.InvariantCulture, $"g{seed}-{monthStart.UtcDateTime:yyyyMM}-");
        var events = new List<BillableEvent>(GeneratorCustomers.All.Count * MaxEventsPerCustomer);
        foreach (var customer in GeneratorCustomers.All)
        {
            var count = random.Next(MinEventsPerCustomer, MaxEventsPerCustomer + 1);
            var cents = AmountSplitter.Split((long)(customer.MonthlyTotal * 100), count, random);
            for (var n = 0; n < count; n++)
            {
                var time = monthStart.AddMilliseconds(random.NextInt64(monthMillis));
                var type = EventTypes.All[random.Next(EventTypes.All.Count)];
                var id = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}{customer.Name}-{n + 1}");
                events.Add(new BillableEvent(customer.Name, type, Cents(cents[n]), time, id));
            }
        }

        // Ties in time are broken by id, so the order never depends on the sort's instability.
        events.Sort(static (a, b) =>
        {
            var byTime = a.Time.CompareTo(b.Time);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
        });
        return events;
    }

    // Scale 2, so an amount reads "10.00" rather than "10" wherever it is printed.
    private static decimal Cents(long cents) => new((int)cents, 0, 0, isNegative: false, scale: 2);
}

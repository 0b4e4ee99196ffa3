using Billing.Events;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>Deterministic event sets for tests, and the bookkeeping of where each record landed.</summary>
public static class TestEvents
{
    public static readonly string[] Customers = ["Emma", "Olivia", "Sophia", "Ava", "Isa", "Noah", "William", "Liam", "Jacob"];

    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="count"/> events over the nine customers and five types, amounts 0.01–99.99.</summary>
    public static List<BillableEvent> Create(int count, int seed, string idPrefix = "e")
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new BillableEvent(
            Customers[random.Next(Customers.Length)],
            EventTypes.All[random.Next(EventTypes.All.Count)],
            random.Next(1, 10_000) / 100m,
            Start.AddMinutes(random.Next(0, 60 * 24 * 29)),
            $"{idPrefix}{i}"))];
    }

    /// <summary>
    /// Spreads events round-robin over the partitions (so one customer lands in several), alternating CSV and
    /// JSON, and returns the records with the (partition, offset) each will get on fresh topics.
    /// </summary>
    public static List<(TestRecord Record, BillableEvent Expected, long Offset)> Spread(
        IReadOnlyList<BillableEvent> events, int partitions, long[]? nextOffsets = null)
    {
        nextOffsets ??= new long[partitions];
        var result = new List<(TestRecord, BillableEvent, long)>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var partition = i % partitions;
            var asCsv = i % 2 == 0;
            // CSV carries no id and only millisecond times; what arrives is what the format can carry.
            var expected = asCsv ? events[i] with { Id = null } : events[i];
            var record = asCsv ? TestRecord.Csv(partition, events[i]) : TestRecord.Json(partition, events[i]);
            result.Add((record, expected, nextOffsets[partition]++));
        }

        return result;
    }
}

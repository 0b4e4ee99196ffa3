using System.Diagnostics;
using Billing.Events;
using Billing.Generator;
using Billing.Grains.EmbeddedKafka;
using Billing.Records;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Billing.GeneratorTests.ScheduleAssertions;

namespace Billing.GeneratorTests;

public sealed class GeneratorServiceTests
{
    private const string Topic = "billableevents.incoming";
    private const int Partitions = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(GeneratorFormat.Csv)]
    [InlineData(GeneratorFormat.Json)]
    public async Task Run_TwoMonthsToEmbeddedBroker_EveryRecordDecodesAndMonthlyTotalsAreExact(GeneratorFormat format)
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: Partitions));
        var options = new GeneratorOptions
        {
            Enabled = true,
            Seed = 17,
            StartMonth = "2026-01",
            Months = 2,
            EventDaysPerSecond = 200,
            MaxEventsPerSecond = 100_000,
            Format = format,
        };
        var expected = EventSchedule.From(options).Schedule().Select(s => s.Event).ToList();
        using var service = new GeneratorService(
            Options.Create(options),
            Options.Create(new GeneratorKafkaOptions { BootstrapServers = broker.BootstrapServers }),
            NullLogger<GeneratorService>.Instance,
            TimeProvider.System);
        // Before it starts, simulated time stands at the start month (plus the schedule's bounded disorder).
        Assert.Equal(January2026 + EventSchedule.MaxOutOfOrderness, service.EventTimeHorizon);

        await service.StartAsync(CancellationToken.None);
        await service.Completion.WaitAsync(Bound);
        await service.StopAsync(CancellationToken.None);
        var records = Consume(broker.BootstrapServers, expected.Count);

        Assert.Equal(0, service.DeliveryFailures);
        Assert.Equal(expected.Count, records.Count);
        // Simulated time: no event sent is later than the generator's horizon (the web app's processing clock).
        Assert.InRange(expected.Max(e => e.Time), January2026, service.EventTimeHorizon);
        var codec = new BillableEventCodec(new RecordCodecOptions());
        var decoded = records.Select(r => codec.Decode(r.Message.Key, r.Message.Value)).ToList();
        Assert.All(decoded, d => Assert.True(d.IsValid, d.ToString()));
        var events = decoded.Select(d => d.Event!).ToList();
        AssertExactMonthlyTotals(events, January2026, 2);

        // CSV carries no id; compare what it does carry, so nothing is missing, duplicated or altered.
        var withoutIds = format == GeneratorFormat.Csv ? expected.Select(e => e with { Id = null }) : expected;
        Assert.Equal(withoutIds.OrderBy(Identity), events.OrderBy(Identity));
    }

    [Fact]
    public async Task Run_Disabled_CompletesAtOnceWithoutKafka()
    {
        using var service = new GeneratorService(
            Options.Create(new GeneratorOptions()),
            Options.Create(new GeneratorKafkaOptions()),
            NullLogger<GeneratorService>.Instance,
            TimeProvider.System);

        await service.StartAsync(CancellationToken.None);
        await service.Completion.WaitAsync(Bound);

        Assert.True(service.Completion.IsCompletedSuccessfully);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Run_EndlessStoppedByHost_CompletesCancelledAfterSendingSome()
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: Partitions));
        using var service = new GeneratorService(
            Options.Create(new GeneratorOptions { Enabled = true, EventDaysPerSecond = 30 }),
            Options.Create(new GeneratorKafkaOptions { BootstrapServers = broker.BootstrapServers }),
            NullLogger<GeneratorService>.Instance,
            TimeProvider.System);

        await service.StartAsync(CancellationToken.None);
        var first = Consume(broker.BootstrapServers, 1, probeForDuplicates: false);
        await service.StopAsync(CancellationToken.None);

        Assert.Single(first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.Completion.WaitAsync(Bound));
    }

    private static (string Customer, EventType Type, decimal Amount, DateTimeOffset Time, string? Id) Identity(BillableEvent e) =>
        (e.Customer, e.Type, e.Amount, e.Time, e.Id);

    // Reads every partition from the start until the expected count arrived or the bound passed.
    private static List<ConsumeResult<byte[], byte[]>> Consume(string bootstrapServers, int count, bool probeForDuplicates = true)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "generator-tests",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(Topic, p, Offset.Beginning)));
        var results = new List<ConsumeResult<byte[], byte[]>>(count);
        var elapsed = Stopwatch.StartNew();
        while (results.Count < count && elapsed.Elapsed < Bound)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                results.Add(result);
            }
        }

        // Anything beyond the expected count would be a duplicate: give it a short chance to show up.
        if (probeForDuplicates && results.Count == count && consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } extra)
        {
            results.Add(extra);
        }

        return results;
    }
}

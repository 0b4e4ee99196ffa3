using System.Diagnostics;
using Billing.Grains.EmbeddedKafka;

namespace Billing.Benchmarks;

/// <summary>
/// One run: a customer count on one kind of state. The baseline reads a copy of the cold record set on the same
/// broker; then the system, started on an empty topic (its start is not timed), ingests the cold set (every
/// customer new) until every record is committed; then, every customer active, records are produced at rising
/// rates until the system no longer keeps up, with event-to-visible probes and 1,000 queries a second (by default) running
/// throughout; finally every customer's total is checked against what was produced.
/// </summary>
internal sealed class IngestionScenario(EmbeddedKafkaBroker broker, BenchmarkSettings settings, int customers, string state)
{
    private const double FirstRateOfBaseline = 0.2;
    private const double RateStep = 1.25;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(15);

    public async Task<ScenarioResult> RunAsync()
    {
        var name = $"bench.{state}.{customers}.{Guid.NewGuid():N}";
        var (topic, baselineTopic) = (name, name + ".baseline");
        foreach (var created in new[] { topic, topic + ".deadletter", baselineTopic })
        {
            broker.CreateTopic(created, settings.Partitions);
        }

        var coldRecords = BenchmarkSettings.ColdRecords(customers);
        using (var copy = new LoadProducer(broker.BootstrapServers, baselineTopic, settings.Partitions, settings.Keyed))
        {
            await copy.ProduceAsync(coldRecords, customers);
        }

        var (baselineElapsed, _) = RawConsumeBaseline.Run(broker.BootstrapServers, baselineTopic, settings.Partitions, coldRecords);
        var baselineRate = coldRecords / baselineElapsed.TotalSeconds;
        Console.WriteLine($"  {state}, {customers:N0} customers: baseline {baselineRate:N0} events/s; starting the system");

        await using var system = await SystemUnderTest.StartAsync(state, broker.BootstrapServers, topic, consumerGroup: name);
        using var offsets = new TopicOffsets(broker.BootstrapServers, topic, name, settings.Partitions);
        using var producer = new LoadProducer(broker.BootstrapServers, topic, settings.Partitions, settings.Keyed);

        var clock = Stopwatch.StartNew();
        using (var coldTrace = new CancellationTokenSource())
        {
            var trace = TraceAsync(offsets, coldTrace.Token);
            await producer.ProduceAsync(coldRecords, customers);
            await offsets.WaitUntilAllCommittedAsync(Patience);
            await coldTrace.CancelAsync();
            await trace;
        }

        var coldRate = coldRecords / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  cold: {coldRecords:N0} records in {clock.Elapsed.TotalSeconds:F1} s, {coldRate:N0} events/s; silo {system.SiloPeakWorkingSet / (1 << 20):N0} MiB");

        var probes = new VisibilityProbes(producer, system.Http);
        await producer.TouchEveryCustomerAsync(customers);
        await probes.WarmAsync();
        await offsets.WaitUntilAllCommittedAsync(Patience);

        var best = await FindSustainableRateAsync(baselineRate, producer, offsets, probes, system.Http);
        await offsets.WaitUntilAllCommittedAsync(Patience);

        var errors = await UsageReader.FindWrongAsync(system.Http, producer.Billed);
        if (offsets.DeadLetters() is var deadLetters and > 0)
        {
            errors.Add($"{deadLetters:N0} records dead-lettered");
        }

        return new ScenarioResult(
            customers, state, baselineRate, coldRate, best?.ProducedRate ?? 0,
            best?.Visible.At(50) ?? double.NaN, best?.Visible.At(99) ?? double.NaN, best?.Queries.At(99) ?? double.NaN,
            best?.QueryFailures ?? 0, system.SiloPeakWorkingSet, errors);
    }

    /// <summary>Raises the rate step by step from a fifth of the baseline; the last step the system kept up with.</summary>
    private async Task<SustainedStep?> FindSustainableRateAsync(
        double baselineRate, LoadProducer producer, TopicOffsets offsets, VisibilityProbes probes, HttpClient http)
    {
        SustainedStep? best = null;
        for (var rate = baselineRate * FirstRateOfBaseline; rate <= baselineRate * 1.05; rate *= RateStep)
        {
            var step = await RunStepAsync(rate, producer, offsets, probes, http);
            Console.WriteLine(
                $"  sustained {step.ProducedRate,9:N0} events/s: lag at end {step.LagAtEnd,9:N0}, visible p50/p99 {step.Visible.At(50),6:F0}/{step.Visible.At(99),6:F0} ms, " +
                $"GET p99 {step.Queries.At(99),6:F1} ms{(step.QueryFailures > 0 ? $" ({step.QueryFailures} failed)" : "")}{(step.Sustainable ? "" : ": not kept up")}");
            // Drained before the next rate, so that no step inherits the last one's backlog.
            await offsets.WaitUntilAllCommittedAsync(Patience);
            if (!step.Sustainable)
            {
                break;
            }

            best = step;
        }

        return best;
    }

    private async Task<SustainedStep> RunStepAsync(double rate, LoadProducer producer, TopicOffsets offsets, VisibilityProbes probes, HttpClient http)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.StepSeconds));
        var visible = probes.RunAsync(stop.Token);
        var queries = settings.QueriesPerSecond > 0
            ? new QueryLoad(http, customers, settings.QueriesPerSecond).RunAsync(stop.Token)
            : Task.FromResult((new Percentiles(), 0));
        var trace = TraceAsync(offsets, stop.Token);
        var produced = await ProducePacedAsync(rate, producer, stop.Token);
        await trace;
        var lag = offsets.End() - offsets.Committed();
        var (queryLatencies, queryFailures) = await queries;
        return new SustainedStep(rate, produced, lag, await visible, queryLatencies, queryFailures);
    }

    /// <summary>With <c>BILLING_BENCH_TRACE</c> set, prints produced and committed records every second until stopped.</summary>
    private static async Task TraceAsync(TopicOffsets offsets, CancellationToken stop)
    {
        if (Environment.GetEnvironmentVariable("BILLING_BENCH_TRACE") is null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            Console.WriteLine($"    {clock.Elapsed.TotalSeconds,5:F1} s: produced {offsets.End(),10:N0}, committed {offsets.Committed(),10:N0}");
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        }
    }

    /// <summary>Produces at <paramref name="rate"/> until stopped, a hundred times a second; the rate achieved.</summary>
    private async Task<double> ProducePacedAsync(double rate, LoadProducer producer, CancellationToken stop)
    {
        var random = new Random((int)rate);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                // Catch up with the schedule rather than count ticks: a late tick sends what the clock owes.
                var owed = (long)(rate * clock.Elapsed.TotalSeconds) - sent;
                for (var i = 0; i < owed; i++)
                {
                    _ = producer.SendAsync(LoadProducer.Customer(random.Next(customers)));
                }

                sent += Math.Max(0, owed);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return sent / clock.Elapsed.TotalSeconds;
    }
}

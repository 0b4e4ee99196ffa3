using System.Diagnostics;
using Billing.Grains.EmbeddedKafka;

namespace Billing.Benchmarks;

/// <summary>
/// One run: a customer count on one kind of state. The baseline reads a copy of the cold record set on the same
/// broker; then the system, started on an empty topic (its start is not timed), ingests the cold set (every
/// customer new) until every record is committed; then, every customer active, records are produced at rates stepped
/// from the cold rate up (or down) to the highest the system keeps up with, with event-to-visible probes and 1,000 queries a second (by default) running
/// throughout; finally every customer's total is checked against what was produced.
/// </summary>
internal sealed class IngestionScenario(EmbeddedKafkaBroker broker, BenchmarkSettings settings, int customers, string state)
{
    private const double LowestRateOfBaseline = 0.005;
    private const double RateStep = 1.25;
    private const int MaxSustainedSteps = 12;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(15);

    /// <summary>How long after a wrong check the totals are read again, to tell a loss from a late count.</summary>
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

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

        // The better of two reads: the first of a run also pays for compiling the consumer's and the codec's code.
        var baselineElapsed = Enumerable.Range(0, 2)
            .Select(_ => RawConsumeBaseline.Run(broker.BootstrapServers, baselineTopic, settings.Partitions, coldRecords).Elapsed)
            .Min();
        var baselineRate = coldRecords / baselineElapsed.TotalSeconds;
        Console.WriteLine($"  {state}, {customers:N0} customers: baseline {baselineRate:N0} events/s; starting the system");

        await using var system = await SystemUnderTest.StartAsync(state, broker.BootstrapServers, topic, consumerGroup: name, settings.SiloMemoryMiB);
        using var offsets = new TopicOffsets(broker.BootstrapServers, topic, name, settings.Partitions);
        using var producer = new LoadProducer(broker.BootstrapServers, topic, settings.Partitions, settings.Keyed);

        var clock = Stopwatch.StartNew();
        using (var coldTrace = new CancellationTokenSource())
        {
            var trace = TraceAsync(offsets, coldTrace.Token);
            await producer.ProduceAsync(coldRecords, customers);
            await DrainAsync(producer, offsets);
            await coldTrace.CancelAsync();
            await trace;
        }

        var coldRate = coldRecords / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  (records #0–#{producer.SentCount - 1:N0}: cold)");
        Console.WriteLine($"  cold: {coldRecords:N0} records in {clock.Elapsed.TotalSeconds:F1} s, {coldRate:N0} events/s; silo {system.SiloPeakWorkingSet / (1 << 20):N0} MiB");

        var probes = new VisibilityProbes(producer, system.Http);
        await producer.TouchEveryCustomerAsync(customers);
        await probes.WarmAsync();
        await DrainAsync(producer, offsets);

        var best = await FindSustainableRateAsync(baselineRate, coldRate, producer, offsets, probes, system.Http);
        await DrainAsync(producer, offsets);

        var errors = await UsageReader.FindWrongAsync(system.Http, producer);
        if (errors.Count > 0)
        {
            // Tells a loss from a check that came too early: totals that are still wrong later were lost.
            await Task.Delay(RecheckAfter);
            var stillWrong = await UsageReader.FindWrongAsync(system.Http, producer);
            errors.Insert(0, $"{errors.Count:N0} customers wrong once every record was committed, {stillWrong.Count:N0} still wrong {RecheckAfter.TotalSeconds:N0} s later");
        }
        if (producer.Failed > 0)
        {
            errors.Insert(0, $"{producer.Failed:N0} records failed to reach the broker: the totals expected include them");
        }

        if (offsets.Dropped() is var dropped and > 0)
        {
            // Not the system's fault, but its totals cannot be checked: records it may not have read are gone.
            errors.Insert(0, $"the embedded broker dropped {dropped:N0} records of its bounded log; use more partitions (--partitions) so that each keeps its share");
        }

        if (offsets.DeadLetters() is var deadLetters and > 0)
        {
            errors.Add($"{deadLetters:N0} records dead-lettered");
        }

        return new ScenarioResult(
            customers, state, baselineRate, coldRate, best?.ProducedRate ?? 0,
            best?.Visible.At(50) ?? double.NaN, best?.Visible.At(99) ?? double.NaN, best?.Queries.At(99) ?? double.NaN,
            best?.QueryFailures ?? 0, system.SiloPeakWorkingSet, errors);
    }

    /// <summary>
    /// The highest rate the system kept up with, in steps of <see cref="RateStep"/>: from the cold run's rate
    /// upwards while it keeps up, or downwards until it does (to <see cref="LowestRateOfBaseline"/> of the baseline).
    /// </summary>
    private async Task<SustainedStep?> FindSustainableRateAsync(
        double baselineRate, double coldRate, LoadProducer producer, TopicOffsets offsets, VisibilityProbes probes, HttpClient http)
    {
        var rate = Math.Max(coldRate, baselineRate * LowestRateOfBaseline);
        var first = await RunReportedStepAsync(rate, producer, offsets, probes, http);
        var upwards = first.Sustainable;
        var best = upwards ? first : null;
        for (var steps = 1; steps < MaxSustainedSteps; steps++)
        {
            rate = upwards ? rate * RateStep : rate / RateStep;
            if (rate > baselineRate * 1.05 || rate < baselineRate * LowestRateOfBaseline)
            {
                break;
            }

            var step = await RunReportedStepAsync(rate, producer, offsets, probes, http);
            if (upwards != step.Sustainable)
            {
                // Upwards: the first rate not kept up ends the search; downwards: the first one kept up is the answer.
                return upwards ? best : step;
            }

            if (upwards)
            {
                best = step;
            }
        }

        return best;
    }

    private async Task<SustainedStep> RunReportedStepAsync(double rate, LoadProducer producer, TopicOffsets offsets, VisibilityProbes probes, HttpClient http)
    {
        var firstRecord = producer.SentCount;
        var step = await RunStepAsync(rate, producer, offsets, probes, http);
        Console.WriteLine(
            $"  sustained {step.ProducedRate,9:N0} events/s: lag at end {step.LagAtEnd,9:N0}, visible p50/p99 {step.Visible.At(50),6:F0}/{step.Visible.At(99),6:F0} ms, " +
            $"GET p99 {step.Queries.At(99),6:F1} ms{(step.QueryFailures > 0 ? $" ({step.QueryFailures} failed)" : "")}{(step.Sustainable ? "" : ": not kept up")} " +
            $"(records #{firstRecord:N0}–#{producer.SentCount - 1:N0})");
        // Drained before the next rate, so that no step inherits the last one's backlog.
        await DrainAsync(producer, offsets);
        return step;
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

    /// <summary>
    /// Waits until every record sent is in the topic (paced sending does not wait for acknowledgements) and
    /// every record in the topic is committed.
    /// </summary>
    private static async Task DrainAsync(LoadProducer producer, TopicOffsets offsets)
    {
        await Task.Run(producer.Flush);
        await offsets.WaitUntilAllCommittedAsync(Patience);
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

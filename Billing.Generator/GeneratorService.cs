using System.Globalization;
using Billing.Events;
using Billing.Generator.Internal;
using Billing.Money;
using Billing.Records;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Generator;

/// <summary>
/// Produces the <see cref="EventSchedule"/> to Kafka when <see cref="GeneratorOptions.Enabled"/>, paced so event time
/// advances <see cref="GeneratorOptions.EventDaysPerSecond"/> days per wall-clock second and capped at
/// <see cref="GeneratorOptions.MaxEventsPerSecond"/>. With <see cref="GeneratorOptions.Months"/> set it stops once
/// those months are sent and acknowledged; otherwise it runs until the host stops.
/// </summary>
public sealed class GeneratorService : BackgroundService
{
    /// <summary>One log line per this many events sent.</summary>
    public const int SampleEvery = 100;

    /// <summary>The currency of the generated amounts.</summary>
    public const string Currency = "EUR";

    // A stopping host still gets what was handed to the producer out, within reason.
    private static readonly TimeSpan StopFlushTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(100);

    private readonly GeneratorOptions _options;
    private readonly GeneratorKafkaOptions _kafka;
    private readonly ILogger<GeneratorService> _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _deliveryFailures;

    // Published once started, read by other threads through EventTimeHorizon.
    private volatile EmissionPacer? _pacer;

    /// <summary>Creates the service; it does nothing until the host starts it.</summary>
    public GeneratorService(
        IOptions<GeneratorOptions> options,
        IOptions<GeneratorKafkaOptions> kafka,
        ILogger<GeneratorService> logger,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _kafka = kafka.Value;
        _logger = logger;
        _time = time;
    }

    /// <summary>
    /// Completes when the generator is done: at once when disabled, after the last month is acknowledged when
    /// <see cref="GeneratorOptions.Months"/> is set; cancelled when the host stops it first; faulted when it failed.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// No event this generator has sent so far is later than this: its simulated event-time clock (which stands at
    /// <see cref="GeneratorOptions.StartMonth"/> until it starts, then advances
    /// <see cref="GeneratorOptions.EventDaysPerSecond"/> days per second, also after the last month) plus
    /// <see cref="EventSchedule.MaxOutOfOrderness"/>, since a swapped event goes out at its earlier neighbour's time.
    /// A host that runs the generator in-process judges event times against it instead of the wall clock.
    /// </summary>
    public DateTimeOffset EventTimeHorizon =>
        (_pacer?.Clock ?? (MonthText.TryParse(_options.StartMonth, out var start) ? start : DateTimeOffset.UnixEpoch))
        + EventSchedule.MaxOutOfOrderness;

    /// <summary>Records the broker has refused so far (each is also logged, sampled).</summary>
    public long DeliveryFailures => Interlocked.Read(ref _deliveryFailures);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Off the host's start-up path: building the producer and the first month take a moment.
            await Task.Yield();
            await RunAsync(stoppingToken).ConfigureAwait(false);
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
            throw;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            GeneratorLog.Disabled(_logger);
            return;
        }

        var schedule = EventSchedule.From(_options);
        GeneratorLog.Started(_logger, _options.Topic, _options.Format, schedule.Seed, MonthText.Format(schedule.StartMonth),
            schedule.Months?.ToString(CultureInfo.InvariantCulture) ?? "no end", _options.EventDaysPerSecond, _options.MaxEventsPerSecond);

        using var producer = BuildProducer();
        var pacer = new EmissionPacer(_time, schedule.StartMonth, _options.EventDaysPerSecond, _options.MaxEventsPerSecond);
        var tallies = new SortedDictionary<DateTimeOffset, MonthTally>();
        long sent = 0;
        pacer.Start();
        _pacer = pacer;
        try
        {
            foreach (var scheduled in schedule.Schedule())
            {
                await pacer.WaitToSendAsync(scheduled.EmitAt, cancellationToken).ConfigureAwait(false);
                await ProduceAsync(producer, scheduled.Event, cancellationToken).ConfigureAwait(false);
                sent++;
                Tally(tallies, scheduled.Event);
                ReportMonthsDone(tallies, scheduled.EmitAt);
                if (sent % SampleEvery == 0)
                {
                    GeneratorLog.Sampled(_logger, sent, scheduled.Event.Id, scheduled.Event.Time, scheduled.EmitAt, pacer.Clock);
                }
            }

            producer.Flush(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            producer.Flush(StopFlushTimeout);
            GeneratorLog.Stopped(_logger, sent);
            throw;
        }

        ReportMonthsDone(tallies, DateTimeOffset.MaxValue);
        if (DeliveryFailures > 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The generator sent {sent} events but Kafka refused {DeliveryFailures} of them; the months are incomplete."));
        }

        GeneratorLog.Finished(_logger, schedule.Months ?? 0, sent);
    }

    private IProducer<byte[], byte[]> BuildProducer() =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            ClientId = "billing-generator",
            // Retries must not duplicate: a CSV record has no id, so a duplicate would be billed twice.
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
        }).Build();

    private async ValueTask ProduceAsync(IProducer<byte[], byte[]> producer, BillableEvent e, CancellationToken cancellationToken)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = BillableEventCodec.EncodeKey(e.Customer),
            Value = _options.Format == GeneratorFormat.Json ? BillableEventCodec.EncodeJson(e, Currency) : BillableEventCodec.EncodeCsv(e),
        };

        var waited = false;
        while (true)
        {
            try
            {
                producer.Produce(_options.Topic, message, OnDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                // Back-pressure from the client, not a failure: wait for deliveries to drain the queue.
                if (!waited)
                {
                    GeneratorLog.QueueFull(_logger);
                    waited = true;
                }

                await Task.Delay(QueueFullBackoff, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void OnDelivered(DeliveryReport<byte[], byte[]> report)
    {
        if (!report.Error.IsError)
        {
            return;
        }

        // Sampled too: a broker that is down would otherwise log once per record.
        var failures = Interlocked.Increment(ref _deliveryFailures);
        if (failures == 1 || failures % (SampleEvery * 10) == 0)
        {
            GeneratorLog.DeliveryFailed(_logger, failures, report.Error.Reason);
        }
    }

    private static void Tally(SortedDictionary<DateTimeOffset, MonthTally> tallies, BillableEvent e)
    {
        var month = MonthText.StartOf(e.Time);
        if (!tallies.TryGetValue(month, out var tally))
        {
            tallies[month] = tally = new MonthTally();
        }

        tally.Add(e.Amount);
    }

    // A month is done once the send position is past its end plus the latest an event of it can be sent.
    private void ReportMonthsDone(SortedDictionary<DateTimeOffset, MonthTally> tallies, DateTimeOffset position)
    {
        while (tallies.Count > 0)
        {
            var (month, tally) = tallies.First();
            if (position != DateTimeOffset.MaxValue && position <= month.AddMonths(1) + EventSchedule.MaxLateDelay)
            {
                return;
            }

            GeneratorLog.MonthSent(_logger, MonthText.Format(month), tally.Events, MoneyText.Format(tally.Total, 2));
            tallies.Remove(month);
        }
    }
}

using Billing.Events;
using Billing.Generator.Internal;

namespace Billing.Generator;

/// <summary>
/// What the generator sends and in which order: the <see cref="MonthPlan"/> of each month from the start month on,
/// sorted by time, then disordered within fixed bounds. Pure and deterministic (the same seed gives the same
/// schedule) and lazy, one month at a time, so an endless schedule needs no more memory than a finite one.
/// </summary>
/// <remarks>
/// The bounds, relative to an event's own time: in order, it is sent at its time; swapped with a neighbour less
/// than <see cref="MaxOutOfOrderness"/> away, at the neighbour's time; late (about one in 200), between
/// <see cref="MinLateDelay"/> and <see cref="MaxLateDelay"/> after it. A late event is thus behind a watermark that
/// allows 12 h of out-of-orderness, yet inside the 3 days of allowed lateness, so it still counts in its month.
/// </remarks>
public sealed class EventSchedule
{
    /// <summary>Neighbours less than this far apart in time may be swapped: 12 h, the watermark's bound.</summary>
    public static readonly TimeSpan MaxOutOfOrderness = TimeSpan.FromHours(12);

    /// <summary>The least delay of a late event: an hour past <see cref="MaxOutOfOrderness"/>, so it really is behind the watermark.</summary>
    public static readonly TimeSpan MinLateDelay = TimeSpan.FromHours(13);

    /// <summary>The most delay of a late event: 2.5 days, half a day inside the allowed lateness of 3 days.</summary>
    public static readonly TimeSpan MaxLateDelay = TimeSpan.FromDays(2.5);

    /// <summary>Chance that an event is sent late.</summary>
    public const double LateProbability = 1.0 / 200;

    /// <summary>Chance that two on-time neighbours less than <see cref="MaxOutOfOrderness"/> apart are swapped.</summary>
    public const double SwapProbability = 0.1;

    // The disorder draws from its own stream, apart from the months' streams (which are month indexes >= 0).
    private const int DisorderStream = -1;

    /// <summary>Creates the schedule of <paramref name="months"/> months (or endless) from <paramref name="startMonth"/>.</summary>
    /// <param name="seed">The seed of every random choice.</param>
    /// <param name="startMonth">Midnight UTC on the first day of the first month.</param>
    /// <param name="months">How many months; <see langword="null"/> for no end.</param>
    public EventSchedule(int seed, DateTimeOffset startMonth, int? months)
    {
        if (startMonth != MonthText.StartOf(startMonth) || startMonth.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Expected midnight UTC on the first day of a month.", nameof(startMonth));
        }

        if (months is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, "At least one month, or null for no end.");
        }

        Seed = seed;
        StartMonth = startMonth;
        Months = months;
    }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Midnight UTC on the first day of the first month; no event is sent before it.</summary>
    public DateTimeOffset StartMonth { get; }

    /// <summary>How many months, or <see langword="null"/> for no end.</summary>
    public int? Months { get; }

    /// <summary>The schedule described by validated <paramref name="options"/>.</summary>
    public static EventSchedule From(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!MonthText.TryParse(options.StartMonth, out var start))
        {
            throw new ArgumentException("Generator:StartMonth must be a month written yyyy-MM.", nameof(options));
        }

        return new EventSchedule(options.Seed, start, options.Months);
    }

    /// <summary>Every event of the run, ordered by <see cref="ScheduledEvent.EmitAt"/>; enumerating again gives the same sequence.</summary>
    public IEnumerable<ScheduledEvent> Schedule() =>
        EmissionOrder.Apply(EventsByTime(), new Random(SeedMixer.Mix(Seed, DisorderStream)));

    private IEnumerable<BillableEvent> EventsByTime()
    {
        for (var month = 0; Months is null || month < Months; month++)
        {
            foreach (var e in MonthPlan.Generate(Seed, StartMonth.AddMonths(month)))
            {
                yield return e;
            }
        }
    }
}

namespace Billing.Generator;

/// <summary>
/// Options of the event generator, bound from the <c>Generator</c> configuration section. Every default is the
/// one documented here; <see cref="Internal.GeneratorOptionsValidator"/> checks them at start-up.
/// </summary>
public sealed class GeneratorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Generator";

    /// <summary>Whether <see cref="GeneratorService"/> produces anything. Default <see langword="false"/>; the web app turns it on in embedded mode.</summary>
    public bool Enabled { get; set; }

    /// <summary>Seed of every random choice: the same seed gives the same events in the same order. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How many days of event time pass per wall-clock second. Default 1 (a month in about 30 s).</summary>
    public double EventDaysPerSecond { get; set; } = 1;

    /// <summary>The first calendar month (UTC) generated, as <c>yyyy-MM</c>. Default <c>2026-01</c>.</summary>
    public string StartMonth { get; set; } = "2026-01";

    /// <summary>The record value format. Default <see cref="GeneratorFormat.Csv"/>.</summary>
    public GeneratorFormat Format { get; set; } = GeneratorFormat.Csv;

    /// <summary>
    /// How many complete months to generate before stopping; <see langword="null"/> (the default) runs until the
    /// host stops.
    /// </summary>
    public int? Months { get; set; }

    /// <summary>
    /// At most this many records are produced in any one second, whatever <see cref="EventDaysPerSecond"/> asks for,
    /// so the embedded broker's bounded log (about 5 MiB per partition) is never outrun. Default 2,000.
    /// </summary>
    public int MaxEventsPerSecond { get; set; } = 2_000;

    /// <summary>The topic written to. Default <c>billableevents.incoming</c>.</summary>
    public string Topic { get; set; } = "billableevents.incoming";
}

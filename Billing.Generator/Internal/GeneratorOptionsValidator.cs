using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Billing.Generator.Internal;

/// <summary>Checks <see cref="GeneratorOptions"/> at start-up; every failure names its configuration key.</summary>
internal sealed class GeneratorOptionsValidator : IValidateOptions<GeneratorOptions>
{
    /// <summary>
    /// A ceiling well above any useful rate; the sliding one-second window keeps one timestamp per allowed
    /// event, so this also bounds its memory (8 MB).
    /// </summary>
    public const int MaxEventsPerSecondCeiling = 1_000_000;

    // Kafka's own rule for topic names.
    private const int MaxTopicLength = 249;
    private static readonly SearchValues<char> TopicCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    public ValidateOptionsResult Validate(string? name, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!double.IsFinite(options.EventDaysPerSecond) || options.EventDaysPerSecond <= 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Generator:EventDaysPerSecond must be greater than 0 (was {options.EventDaysPerSecond})."));
        }

        if (!MonthText.TryParse(options.StartMonth, out var start))
        {
            failures.Add($"Generator:StartMonth must be a month written yyyy-MM, e.g. 2026-01 (was '{options.StartMonth}').");
        }
        else if (start < MonthText.Earliest || start > MonthText.Latest)
        {
            failures.Add($"Generator:StartMonth must be between 1970-01 and 2199-12 (was '{options.StartMonth}').");
        }

        if (!Enum.IsDefined(options.Format))
        {
            failures.Add($"Generator:Format must be Csv or Json (was {options.Format}).");
        }

        if (options.Months is < 1)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Generator:Months must be at least 1 when set (was {options.Months})."));
        }

        if (options.MaxEventsPerSecond is < 1 or > MaxEventsPerSecondCeiling)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Generator:MaxEventsPerSecond must be between 1 and {MaxEventsPerSecondCeiling} (was {options.MaxEventsPerSecond})."));
        }

        if (string.IsNullOrEmpty(options.Topic) || options.Topic.Length > MaxTopicLength
            || options.Topic.AsSpan().ContainsAnyExcept(TopicCharacters) || options.Topic is "." or "..")
        {
            failures.Add($"Generator:Topic must be a Kafka topic name: 1 to {MaxTopicLength} of a-z, A-Z, 0-9, '.', '_', '-' (was '{options.Topic}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

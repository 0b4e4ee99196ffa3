using System.Globalization;
using Microsoft.Extensions.Options;

namespace Billing.Web.Ingest;

/// <summary>Checks <see cref="IngestOptions"/> at start-up; every failure names its configuration key.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <summary>The longest produce time-out: librdkafka takes a message time-out in whole milliseconds as an int.</summary>
    public static readonly TimeSpan MaxProduceTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The largest body the endpoint reads into memory.</summary>
    public const long MaxRequestBytesLimit = 64L << 20;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBatchSize < 1)
        {
            failures.Add(Message($"{IngestOptions.SectionName}:MaxBatchSize must be at least 1 (was {options.MaxBatchSize})."));
        }

        if (options.MaxRequestBytes is < 1_024 or > MaxRequestBytesLimit)
        {
            failures.Add(Message($"{IngestOptions.SectionName}:MaxRequestBytes must be between 1024 and {MaxRequestBytesLimit} (was {options.MaxRequestBytes})."));
        }

        if (options.MaxEventsPerSecond < 1)
        {
            failures.Add(Message($"{IngestOptions.SectionName}:MaxEventsPerSecond must be at least 1 (was {options.MaxEventsPerSecond})."));
        }
        else if (options.MaxBatchSize >= 1 && options.MaxEventsPerSecond < options.MaxBatchSize)
        {
            // The bucket holds one second's worth: a full batch would never fit and always be answered 429.
            failures.Add(Message(
                $"{IngestOptions.SectionName}:MaxEventsPerSecond must be at least {IngestOptions.SectionName}:MaxBatchSize ({options.MaxBatchSize}; was {options.MaxEventsPerSecond})."));
        }

        if (options.ProduceTimeout < TimeSpan.FromMilliseconds(100) || options.ProduceTimeout > MaxProduceTimeout)
        {
            failures.Add(Message($"{IngestOptions.SectionName}:ProduceTimeout must be between 00:00:00.1 and {MaxProduceTimeout:c} (was {options.ProduceTimeout:c})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Message(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

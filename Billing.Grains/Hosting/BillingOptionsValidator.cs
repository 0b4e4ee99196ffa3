using System.Globalization;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Hosting;

/// <summary>Checks <see cref="BillingOptions"/> at start-up; a failure names the configuration key.</summary>
public sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxMonthLength = TimeSpan.FromDays(31);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BillingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        RequireAtLeast(failures, "MaxOutOfOrderness", options.MaxOutOfOrderness, TimeSpan.Zero);
        RequireAtLeast(failures, "AllowedLateness", options.AllowedLateness, TimeSpan.Zero);
        RequireAtLeast(failures, "IdlePartitionTimeout", options.IdlePartitionTimeout, TimeSpan.FromMilliseconds(1));
        RequireAtLeast(failures, "WatermarkInterval", options.WatermarkInterval, TimeSpan.FromMilliseconds(10));
        RequireAtLeast(failures, "ClosingReminderPeriod", options.ClosingReminderPeriod, MinimumReminderPeriod);
        RequireAtLeast(failures, "MaxFutureSkew", options.MaxFutureSkew, TimeSpan.Zero);
        RequireAtLeast(failures, "MaxPartitionLead", options.MaxPartitionLead, TimeSpan.Zero);
        // An event must stay admissible for as long as its month can still take it on time: the month itself,
        // then out-of-orderness plus lateness past its end. (Negative parts are reported above.)
        if (options.MaxOutOfOrderness >= TimeSpan.Zero && options.AllowedLateness >= TimeSpan.Zero)
        {
            var leastAge = SaturatingSum(options.MaxOutOfOrderness, options.AllowedLateness, MaxMonthLength);
            if (options.MaxEventAge < leastAge)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Billing:MaxEventAge must be at least Billing:MaxOutOfOrderness + Billing:AllowedLateness + 31 days ({leastAge:c}; was {options.MaxEventAge:c})."));
            }
        }

        if (options.AllowedLateness >= TimeSpan.Zero && options.DeduplicationHorizon < options.AllowedLateness)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Billing:DeduplicationHorizon must be at least Billing:AllowedLateness ({options.AllowedLateness:c}; was {options.DeduplicationHorizon:c})."));
        }

        if (options.MaxActiveCustomers < 1)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Billing:MaxActiveCustomers must be at least 1 (was {options.MaxActiveCustomers})."));
        }

        if (string.IsNullOrWhiteSpace(options.InvoiceDirectory))
        {
            failures.Add("Billing:InvoiceDirectory must not be empty.");
        }
        else if (options.InvoiceDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Billing:InvoiceDirectory is not a valid path (was '{options.InvoiceDirectory}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The sum of non-negative spans, or <see cref="TimeSpan.MaxValue"/> where it would overflow (a validator must not throw).</summary>
    private static TimeSpan SaturatingSum(params TimeSpan[] spans) =>
        spans.Aggregate(TimeSpan.Zero, (sum, span) => TimeSpan.MaxValue - sum < span ? TimeSpan.MaxValue : sum + span);

    private static void RequireAtLeast(List<string> failures, string key, TimeSpan value, TimeSpan minimum)
    {
        if (value < minimum)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Billing:{key} must be at least {minimum:c} (was {value:c})."));
        }
    }
}

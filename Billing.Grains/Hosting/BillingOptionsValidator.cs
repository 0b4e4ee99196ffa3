using System.Globalization;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Hosting;

/// <summary>Checks <see cref="BillingOptions"/> at start-up; a failure names the configuration key.</summary>
public sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromSeconds(1);

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

    private static void RequireAtLeast(List<string> failures, string key, TimeSpan value, TimeSpan minimum)
    {
        if (value < minimum)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Billing:{key} must be at least {minimum:c} (was {value:c})."));
        }
    }
}

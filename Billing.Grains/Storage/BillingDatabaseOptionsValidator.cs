using Microsoft.Extensions.Options;

namespace Billing.Grains.Storage;

/// <summary>Checks <see cref="BillingDatabaseOptions"/> at start-up; a failure names the configuration key.</summary>
public sealed class BillingDatabaseOptionsValidator : IValidateOptions<BillingDatabaseOptions>
{
    /// <summary>Connections left for clustering, reminders and invoices beside the grain-state statements.</summary>
    public const int ConnectionsBesideGrainState = 3;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BillingDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        RequireAtLeast(failures, nameof(options.MaxBatchSize), options.MaxBatchSize, 1);
        RequireAtLeast(failures, nameof(options.MaxConcurrentReads), options.MaxConcurrentReads, 1);
        RequireAtLeast(failures, nameof(options.MaxConcurrentWrites), options.MaxConcurrentWrites, 1);
        var needed = options.MaxConcurrentReads + options.MaxConcurrentWrites + ConnectionsBesideGrainState;
        if (options.MaxConnections < needed)
        {
            failures.Add(
                $"{BillingDatabaseOptions.SectionName}:MaxConnections must be at least {needed} (was {options.MaxConnections}): " +
                $"MaxConcurrentReads + MaxConcurrentWrites, and {ConnectionsBesideGrainState} for clustering, reminders and invoices.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireAtLeast(List<string> failures, string key, int value, int minimum)
    {
        if (value < minimum)
        {
            failures.Add($"{BillingDatabaseOptions.SectionName}:{key} must be at least {minimum} (was {value}).");
        }
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace Billing.Observability.Internal;

/// <summary>Checks <see cref="MonitoringOptions"/>; each message names the configuration key.</summary>
internal sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options) =>
        options.Port is { } port and (< 1 or > 65535)
            ? ValidateOptionsResult.Fail(string.Create(
                CultureInfo.InvariantCulture, $"{MonitoringOptions.SectionName}:Port must be a TCP port from 1 to 65535 (was {port})."))
            : ValidateOptionsResult.Success;
}

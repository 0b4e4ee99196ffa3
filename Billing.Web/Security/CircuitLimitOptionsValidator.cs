using System.Globalization;
using Billing.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Web.Security;

/// <summary>Checks <see cref="CircuitLimitOptions"/> at start-up; a failure names the configuration key.</summary>
public sealed class CircuitLimitOptionsValidator : IValidateOptions<CircuitLimitOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CircuitLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxCircuitsPerClient < 1
            ? ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{ReverseProxyOptions.SectionName}:MaxCircuitsPerClient must be at least 1 (was {options.MaxCircuitsPerClient})."))
            : ValidateOptionsResult.Success;
    }
}

using System.Net;
using Microsoft.Extensions.Options;

namespace Billing.Web.Hosting;

/// <summary>Checks <see cref="ReverseProxyOptions"/> at start-up; a failure names the configuration key.</summary>
public sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    private const string Prefix = ReverseProxyOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (PathBaseProblem(options.PathBase) is { } problem)
        {
            failures.Add($"{Prefix}:PathBase {problem} (was '{options.PathBase}').");
        }

        foreach (var item in ReverseProxyOptions.Items(options.KnownProxies).Where(item => !IPAddress.TryParse(item, out _)))
        {
            failures.Add($"{Prefix}:KnownProxies must be a comma-separated list of IP addresses; '{item}' is not one.");
        }

        foreach (var item in ReverseProxyOptions.Items(options.KnownNetworks).Where(item => !IPNetwork.TryParse(item, out _)))
        {
            failures.Add($"{Prefix}:KnownNetworks must be a comma-separated list of CIDR networks (10.0.0.0/8); '{item}' is not one.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <returns>What is wrong with <paramref name="pathBase"/>, or null when it is empty or a usable prefix.</returns>
    private static string? PathBaseProblem(string pathBase)
    {
        if (pathBase.Length == 0)
        {
            return null;
        }

        if (pathBase[0] != '/')
        {
            return "must start with '/'";
        }

        if (pathBase[^1] == '/')
        {
            return "must not end with '/' (use /billing, not /billing/)";
        }

        // "//host" would make <base href> point at another site; a query or fragment is not part of a path.
        if (pathBase.Contains("//", StringComparison.Ordinal) || pathBase.IndexOfAny(['?', '#', '\\']) >= 0
            || pathBase.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "must be a plain path: no '//', '?', '#', '\\', spaces or control characters";
        }

        return null;
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>
/// <c>Orleans:Dashboard</c>: whether silos collect the Orleans dashboard's statistics and the web app serves
/// it to admins. On by default; every silo and the web app of a cluster must agree, as the web app's dashboard
/// asks the silos' dashboard grains. Off spares the grain-call profiling the dashboard does on every silo.
/// </summary>
public static class OrleansDashboardSetting
{
    public const string Key = "Orleans:Dashboard";

    /// <exception cref="InvalidOperationException">The value is neither <c>true</c> nor <c>false</c>.</exception>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Key} must be true or false (was '{text}')."));
    }
}

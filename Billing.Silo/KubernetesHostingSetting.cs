using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Billing.Silo;

/// <summary>
/// <c>Orleans:Kubernetes</c>: whether the silo runs Orleans' Kubernetes hosting (silo name from <c>POD_NAME</c>,
/// address from <c>POD_IP</c>, and an agent that reconciles membership with the pods of <c>POD_NAMESPACE</c>,
/// for which the pod's service account needs get, list, watch and patch on pods). Off by default; the
/// Kubernetes manifests turn it on.
/// </summary>
internal static class KubernetesHostingSetting
{
    public const string Key = "Orleans:Kubernetes";

    /// <exception cref="InvalidOperationException">The value is neither <c>true</c> nor <c>false</c>.</exception>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Key} must be true or false (was '{text}')."));
    }
}

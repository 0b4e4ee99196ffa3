using System.Net.Http.Headers;
using Billing.Web.Security;

namespace Billing.TestSupport;

/// <summary>HTTP clients for the API as its callers use it: with <c>Authorization: Bearer &lt;key&gt;</c>, or anonymous.</summary>
public static class ApiClients
{
    /// <summary>A client of <paramref name="baseAddress"/> that sends <paramref name="key"/> as a bearer key; none when null.</summary>
    public static HttpClient Create(Uri baseAddress, string? key)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>A new random admin key and the settings (<c>Key=Value</c>, without dashes) that configure its hash at <paramref name="index"/>.</summary>
    public static (string Key, string[] Settings) NewAdminKey(int index = 0)
    {
        var key = DemoKeys.NewKey();
        return (key,
        [
            $"{ApiKeyRing.SectionName}:{index}:Sha256={ApiKeyRing.HashOf(key)}",
            $"{ApiKeyRing.SectionName}:{index}:Role={BillingClaims.AdminRole}",
        ]);
    }
}

using Billing.Grains.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Billing.Web.Security;

/// <summary>Authentication and authorization of the web app.</summary>
public static class BillingSecurityHosting
{
    /// <summary>
    /// API keys from <c>Billing:ApiKeys</c> (a bad entry stops start-up naming its key), demo keys in embedded
    /// mode, and the admin policy. Call before the Orleans hosting, which fills in the embedded broker's address.
    /// </summary>
    public static void AddBillingSecurity(this WebApplicationBuilder builder)
    {
        var demoKeys = BillingModeSelector.Select(builder.Configuration) == BillingMode.Embedded ? DemoKeys.Make() : DemoKeys.None;
        builder.Services.AddSingleton(demoKeys);
        // Read now, so a bad entry stops start-up.
        builder.Services.AddSingleton(ApiKeyRing.From(builder.Configuration, demoKeys.Entries()));
        if (demoKeys.All.Count > 0)
        {
            builder.Services.AddHostedService<DemoKeysAnnouncer>();
        }

        builder.Services
            .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(BillingClaims.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(BillingClaims.AdminRole));
    }
}

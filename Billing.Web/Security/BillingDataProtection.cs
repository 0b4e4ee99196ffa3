using Billing.Grains.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Billing.Web.Security;

/// <summary>
/// The deployment's own data-protection key ring, which protects the sign-in cookie and antiforgery tokens.
/// Without one, ASP.NET Core keeps a ring per OS user and application name under the user's home, so two apps
/// started from one checkout by one user (a demo and a real deployment) would read each other's cookies.
/// </summary>
public static class BillingDataProtection
{
    /// <summary>
    /// The application name isolating this deployment's protected payloads: the Orleans service id
    /// (<c>Orleans:ServiceId</c>, default <c>billing</c>) and the mode. Every web process of a cluster shares it.
    /// </summary>
    public static string ApplicationName(IConfiguration configuration, BillingMode mode)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var serviceId = configuration["Orleans:ServiceId"] ?? "billing";
        var modeName = mode switch
        {
            BillingMode.Embedded => "embedded",
            BillingMode.ExternalKafka => "external-kafka",
            BillingMode.Cluster => "cluster",
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode."),
        };
        return $"queryable-billing/{serviceId}/{modeName}";
    }

    /// <summary>
    /// Cluster mode: keys in PostgreSQL (<c>ConnectionStrings:Billing</c>), shared by every web process of the
    /// cluster and kept across restarts. Other modes: keys in this process's memory, new at every start (as
    /// the embedded mode's demo keys are).
    /// </summary>
    public static void AddBillingDataProtection(this IServiceCollection services, IConfiguration configuration, BillingMode mode)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName(configuration, mode));
        if (mode == BillingMode.Cluster)
        {
            var connectionString = configuration.GetConnectionString("Billing")!;
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = new PostgresXmlRepository(connectionString));
        }
        else
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }
    }
}

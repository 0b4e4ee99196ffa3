using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>A process that joins the cluster as a client only (Billing.Web with <c>Orleans:Role=Client</c>).</summary>
public static class BillingClientConfiguration
{
    /// <summary>Finds the gateways in the PostgreSQL membership table of the cluster.</summary>
    public static IClientBuilder ConfigureBillingClient(this IClientBuilder client, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Billing")
            ?? throw new InvalidOperationException("Orleans:Role=Client needs cluster mode: set ConnectionStrings:Billing.");
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = configuration["Orleans:ClusterId"] ?? "billing";
            options.ServiceId = configuration["Orleans:ServiceId"] ?? "billing";
        });
        // How often the client re-reads the gateways (GatewayListRefreshPeriod, …); Orleans' defaults otherwise.
        client.Services.Configure<GatewayOptions>(configuration.GetSection("Orleans:Gateway"));
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
        });
        return client;
    }
}

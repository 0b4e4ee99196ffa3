using Microsoft.Extensions.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>Whether a web process hosts a silo or only joins as a client (<c>Orleans:Role</c>).</summary>
public enum OrleansRole
{
    /// <summary>Hosts a silo (the default).</summary>
    Silo,

    /// <summary>Joins the cluster as a client; cluster mode only.</summary>
    Client,
}

/// <summary>Reads <c>Orleans:Role</c>.</summary>
public static class OrleansRoles
{
    public static OrleansRole From(IConfiguration configuration, BillingMode mode)
    {
        var text = configuration["Orleans:Role"];
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text, "Silo", StringComparison.OrdinalIgnoreCase))
        {
            return OrleansRole.Silo;
        }

        if (!string.Equals(text, "Client", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Orleans:Role must be Silo or Client (was '{text}').");
        }

        return mode == BillingMode.Cluster
            ? OrleansRole.Client
            : throw new InvalidOperationException("Orleans:Role=Client needs cluster mode: set ConnectionStrings:Billing and Kafka:BootstrapServers.");
    }
}

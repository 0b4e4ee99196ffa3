using Billing.Grains.Hosting;

namespace Billing.Web.Hosting;

/// <summary>What this process runs as, for the status route and the pages.</summary>
/// <param name="Mode">The mode selected at start-up.</param>
/// <param name="BootstrapServers">The Kafka bootstrap servers in use (the embedded broker's in embedded mode).</param>
/// <param name="Currency">The billing currency (<c>Billing:Currency</c>), ISO code.</param>
public sealed record BillingRuntimeInfo(BillingMode Mode, string BootstrapServers, string Currency)
{
    /// <summary>The mode as the status route and the page name it: <c>embedded</c>, <c>external-kafka</c> or <c>cluster</c>.</summary>
    public string ModeName => Mode switch
    {
        BillingMode.Embedded => "embedded",
        BillingMode.ExternalKafka => "external-kafka",
        BillingMode.Cluster => "cluster",
        _ => throw new InvalidOperationException($"Unknown mode {Mode}."),
    };

    /// <summary>Only the cluster mode keeps state in PostgreSQL; the others keep it in this process's memory.</summary>
    public bool IsDurable => Mode == BillingMode.Cluster;
}

namespace Billing.Web.Hosting;

/// <summary>What this process runs as, for the status route and the pages.</summary>
/// <param name="Mode">The mode selected at start-up.</param>
/// <param name="BootstrapServers">The Kafka bootstrap servers in use (the embedded broker's in embedded mode).</param>
/// <param name="Currency">The billing currency (<c>Billing:Currency</c>), ISO code.</param>
public sealed record BillingRuntimeInfo(BillingMode Mode, string BootstrapServers, string Currency)
{
    /// <summary>State lives only in this process's memory in every mode this version offers.</summary>
    public bool IsDurable => false;
}

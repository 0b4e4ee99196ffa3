namespace Billing.Grains.Hosting;

/// <summary>How the process runs, decided from configuration at start-up.</summary>
public enum BillingMode
{
    /// <summary>No <c>ConnectionStrings:Billing</c>, no <c>Kafka:BootstrapServers</c>: embedded broker, in-memory state, generator.</summary>
    Embedded,

    /// <summary><c>Kafka:BootstrapServers</c> set, no database: an external Kafka, in-memory state.</summary>
    ExternalKafka,
}

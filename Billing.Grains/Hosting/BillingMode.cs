namespace Billing.Grains.Hosting;

/// <summary>How the process runs, decided from configuration at start-up.</summary>
public enum BillingMode
{
    /// <summary>No <c>ConnectionStrings:Billing</c>, no <c>Kafka:BootstrapServers</c>: embedded broker, in-memory state, generator.</summary>
    Embedded,

    /// <summary><c>Kafka:BootstrapServers</c> set, no database: an external Kafka, in-memory state.</summary>
    ExternalKafka,

    /// <summary>
    /// <c>ConnectionStrings:Billing</c> set: clustering, grain state and reminders on PostgreSQL; any number of
    /// Billing.Silo and Billing.Web processes form one cluster. <c>Kafka:BootstrapServers</c> is required.
    /// </summary>
    Cluster,
}

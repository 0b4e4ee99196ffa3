namespace Billing.Streams;

/// <summary>Names of the stream provider and stream namespaces that carry billable events.</summary>
public static class BillingStreams
{
    /// <summary>The persistent stream provider that reads the incoming Kafka topic.</summary>
    public const string ProviderName = "kafka";

    /// <summary>Streams keyed by customer id; each carries that customer's <see cref="Events.IngestedEvent"/>s.</summary>
    public const string CustomerNamespace = "customer";

    /// <summary>Streams keyed by the event type's wire name (<c>CALL</c>, …); each carries that type's events.</summary>
    public const string TypeNamespace = "type";
}


namespace Billing.Grains.Streaming.Kafka;

/// <summary>One stream a record is delivered to, with the item that stream receives.</summary>
/// <param name="StreamId">The Orleans stream (namespace and key).</param>
/// <param name="Item">The item delivered; its type must be serializable by Orleans.</param>
public readonly record struct StreamRoute(StreamId StreamId, object Item);

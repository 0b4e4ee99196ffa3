using System.Net;

namespace Billing.Grains.EmbeddedKafka;

/// <summary>
/// Makes a one-broker embedded cluster reachable from other machines or containers. librdkafka's mock brokers
/// only ever bind to loopback, so the broker relays connections from <paramref name="Bind"/> to its loopback
/// listener and tells clients, in its metadata, to connect to <paramref name="AdvertisedHost"/> at the relay's port.
/// The broker has no authentication: expose it on a private network only (a compose test, a demo).
/// </summary>
/// <param name="Bind">Where the relay listens, such as <c>0.0.0.0:9092</c>; port 0 picks a free one.</param>
/// <param name="AdvertisedHost">The name or address clients reach the relay at, such as <c>kafka</c>.</param>
public sealed record EmbeddedKafkaExternalListener(IPEndPoint Bind, string AdvertisedHost);

namespace Billing.Web.Ingest;

/// <summary>What Kafka made of one request's events.</summary>
/// <param name="Accepted">The ids Kafka acknowledged (acks=all), in the request's order.</param>
/// <param name="NotAccepted">
/// The ids Kafka refused or did not acknowledge in time, in the request's order: each may or may not have been
/// written, and is safe to send again with the same id.
/// </param>
/// <param name="Problem">Why not every event was acknowledged; null when all were.</param>
public sealed record ProduceOutcome(IReadOnlyList<string> Accepted, IReadOnlyList<string> NotAccepted, string? Problem)
{
    /// <summary>Whether Kafka acknowledged every event.</summary>
    public bool AllAccepted => NotAccepted.Count == 0;
}

namespace Billing.Grains.Streaming.Kafka;

/// <summary>What a replay of dead letters did.</summary>
/// <param name="Selected">Dead letters the selection chose.</param>
/// <param name="Replayed">Records the broker acknowledged on the incoming topic (on a dry run: records that would have been produced).</param>
/// <param name="SameOrigin">Selected dead letters not produced because one with the same origin already was in this replay (a record dead-lettered twice, or a replay rejected again).</param>
/// <param name="WithoutOrigin">Selected dead letters whose headers name no origin: not produced, since a replay without one could be counted twice.</param>
/// <param name="Failed">Records the broker did not acknowledge; a later replay of the same selection may safely try them again.</param>
/// <param name="FirstError">Why the first of them failed, or null.</param>
/// <param name="DryRun">Whether nothing was produced.</param>
public sealed record KafkaReplayResult(int Selected, int Replayed, int SameOrigin, int WithoutOrigin, int Failed, string? FirstError, bool DryRun);

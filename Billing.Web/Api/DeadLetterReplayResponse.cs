using Billing.Grains.Streaming.Kafka;

namespace Billing.Web.Api;

/// <summary>
/// <c>POST /api/deadletters/replay?reason=…</c>: what the replay did once the broker acknowledged every record
/// (see <see cref="KafkaReplayResult"/>; on a dry run, what it would have produced).
/// </summary>
public sealed record DeadLetterReplayResponse(string Reason, string Topic, int Selected, int Replayed, int SameOrigin, int WithoutOrigin, bool DryRun)
{
    public static DeadLetterReplayResponse From(string reason, string topic, KafkaReplayResult result) =>
        new(reason, topic, result.Selected, result.Replayed, result.SameOrigin, result.WithoutOrigin, result.DryRun);
}

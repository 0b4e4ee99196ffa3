using System.Security.Claims;
using Billing.Grains.Streaming.Kafka;
using Confluent.Kafka;

namespace Billing.Web.Admin;

/// <summary>
/// An admin's replay of the dead letters of one reason, for the HTTP route and the admin page alike: the replay
/// itself is <see cref="KafkaDeadLetterReplayer"/>'s; this logs who asked and what it did, and words a failure.
/// </summary>
public static class DeadLetterReplays
{
    /// <summary>What came of a replay: its result, and a problem to show when it failed (in part or whole).</summary>
    public sealed record Outcome(KafkaReplayResult? Result, string? Problem);

    public static async Task<Outcome> ReplayAsync(KafkaDeadLetterReplayer replayer, string reason, bool dryRun, ClaimsPrincipal user, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(replayer);
        ArgumentNullException.ThrowIfNull(user);
        var admin = user.Identity?.Name ?? "an admin";
        try
        {
            // Not cancelled with the request: once started, a replay is carried through and logged.
            var result = await replayer.ReplayAsync(KafkaDeadLetterSelection.OfReason(reason), dryRun, CancellationToken.None);
            AdminLog.DeadLettersReplayed(logger, admin, reason, result.Selected, result.Replayed, result.Failed, dryRun);
            return new Outcome(
                result,
                result.Failed == 0
                    ? null
                    : $"{result.Failed} of {result.Selected} dead letters of reason {reason} were not acknowledged by the broker ({result.FirstError}); {result.Replayed} were replayed. Replaying again is safe.");
        }
        catch (Exception exception) when (exception is KafkaException or TimeoutException)
        {
            AdminLog.DeadLetterReplayFailed(logger, exception, admin, reason);
            return new Outcome(null, $"The dead letters of reason {reason} could not be replayed: {exception.Message}. Replaying again is safe.");
        }
    }
}

using System.Globalization;
using Billing.Grains.Streaming.Kafka;

namespace Billing.Silo;

/// <summary>The command line of <c>Billing.Silo deadletters</c>: the verb, what it selects, and <c>--Key=Value</c> settings.</summary>
internal sealed record DeadLetterArguments(bool Replay, KafkaDeadLetterSelection Selection, bool DryRun, IReadOnlyList<string> Settings)
{
    public static bool TryParse(IReadOnlyList<string> args, out DeadLetterArguments arguments, out string problem)
    {
        arguments = null!;
        if (args.Count == 0 || args[0] is not ("list" or "replay"))
        {
            problem = "give list or replay";
            return false;
        }

        var (verb, rest) = (args[0], args.Skip(1).ToArray());
        string? reason = null;
        int? partition = null;
        long? from = null, to = null;
        DateTimeOffset? since = null;
        var (all, dryRun) = (false, false);
        var settings = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            var name = rest[i];
            var value = i + 1 < rest.Length ? rest[i + 1] : null;
            var ok = true;
            switch (name)
            {
                case "--reason" when reason is null && !string.IsNullOrWhiteSpace(value) && !value.StartsWith("--", StringComparison.Ordinal):
                    reason = value;
                    i++;
                    break;
                case "--since" when since is null && value is not null && TryTime(value, out var at):
                    since = at;
                    i++;
                    break;
                case "--partition" when partition is null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p):
                    partition = p;
                    i++;
                    break;
                case "--from-offset" when from is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var a):
                    from = a;
                    i++;
                    break;
                case "--to-offset" when to is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var b):
                    to = b;
                    i++;
                    break;
                case "--all" when !all:
                    all = true;
                    break;
                case "--dry-run" when !dryRun:
                    dryRun = true;
                    break;
                // Configuration, as the silo takes it: --Kafka:BootstrapServers=host:port.
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.IndexOf('=', StringComparison.Ordinal) > 2:
                    settings.Add(setting);
                    break;
                default:
                    ok = false;
                    break;
            }

            if (!ok)
            {
                problem = $"unexpected or repeated argument '{name}'" + (name.StartsWith("--", StringComparison.Ordinal) && value is not null ? $" (followed by '{value}')" : "");
                return false;
            }
        }

        var replay = verb == "replay";
        problem = Check(replay, all, reason, partition, from, to, since, dryRun);
        if (problem.Length > 0)
        {
            return false;
        }

        var selection = reason is not null ? KafkaDeadLetterSelection.OfReason(reason)
            : partition is { } chosen ? KafkaDeadLetterSelection.OfPartition(chosen, from, to)
            : KafkaDeadLetterSelection.All;
        arguments = new DeadLetterArguments(replay, since is { } t ? selection.SetAsideSince(t) : selection, dryRun, settings);
        return true;
    }

    private static string Check(bool replay, bool all, string? reason, int? partition, long? from, long? to, DateTimeOffset? since, bool dryRun)
    {
        if (!replay)
        {
            return all || partition is not null || from is not null || to is not null || dryRun ? "list takes only --reason R and --since TIME" : "";
        }

        if (since is not null)
        {
            return "replay takes no --since: choose by --all, --reason or --partition";
        }

        if ((all ? 1 : 0) + (reason is null ? 0 : 1) + (partition is null ? 0 : 1) != 1)
        {
            return "replay needs exactly one of --all, --reason R and --partition P";
        }

        if (partition is null && (from is not null || to is not null))
        {
            return "--from-offset and --to-offset go with --partition";
        }

        return from > to ? $"--from-offset {from} is after --to-offset {to}: nothing would be chosen" : "";
    }

    /// <summary>An ISO 8601 date or time (<c>2026-12-07</c>, <c>2026-12-07T10:00:00Z</c>); without an offset it is UTC.</summary>
    private static bool TryTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(
            text,
            ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out at);
}

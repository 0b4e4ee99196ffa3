using System.Globalization;
using Billing.Grains.Streaming.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace Billing.Silo;

/// <summary>
/// <c>Billing.Silo deadletters list|replay</c>: reads the dead-letter topic of the configured Kafka (the silo's
/// own <c>Kafka:*</c> keys, from the environment or as <c>--Key=Value</c>), and lists dead letters or puts
/// chosen ones back on the incoming topic with <see cref="KafkaDeadLetterReplayer"/>.
/// </summary>
internal static class DeadLettersCommand
{
    public const string Usage =
        "list [--reason R] [--since TIME] [--Key=Value ...]\n" +
        "                        | replay (--all | --reason R | --partition P [--from-offset A] [--to-offset B]) [--dry-run] [--Key=Value ...]";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!DeadLetterArguments.TryParse(args, out var arguments, out var problem))
        {
            Console.Error.WriteLine($"{problem}\nusage: Billing.Silo deadletters {Usage}");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine([.. arguments.Settings])
            .Build();
        var options = new KafkaStreamOptions();
        configuration.GetSection("Kafka").Bind(options);
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            Console.Error.WriteLine("Kafka:BootstrapServers is required: the Kafka whose dead letters to read (the silos' value).");
            return 2;
        }

        var replayer = new KafkaDeadLetterReplayer(options);
        try
        {
            return arguments.Replay
                ? await ReplayAsync(replayer, arguments.Selection, arguments.DryRun)
                : await ListAsync(replayer, arguments.Selection);
        }
        catch (Exception exception) when (exception is KafkaException or TimeoutException)
        {
            Console.Error.WriteLine($"reading or writing Kafka at {options.BootstrapServers} failed: {exception.Message}");
            return 1;
        }
    }

    private static async Task<int> ListAsync(KafkaDeadLetterReplayer replayer, KafkaDeadLetterSelection selection)
    {
        var letters = await replayer.ListAsync(selection, CancellationToken.None);
        Console.WriteLine($"{letters.Count} dead letters in {replayer.DeadLetterTopic} ({selection})");
        if (letters.Count == 0)
        {
            return 0;
        }

        Console.WriteLine();
        var byReason = letters.GroupBy(l => l.Letter.Reason, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var reasonWidth = Math.Max("reason".Length, byReason.Max(g => g.Key.Length));
        Console.WriteLine($"{"reason".PadRight(reasonWidth)}  {"count",7}  {"first set aside",-20}  last set aside");
        foreach (var group in byReason)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.PadRight(reasonWidth)}  {group.Count(),7}  {Time(group.Min(l => l.Letter.DeadLetteredAt)),-20}  {Time(group.Max(l => l.Letter.DeadLetteredAt))}"));
        }

        Console.WriteLine();
        Console.WriteLine($"{"set aside",-20}  {"reason".PadRight(reasonWidth)}  {"partition",9}  {"offset",10}  {"origin",-21}  detail");
        foreach (var stored in letters)
        {
            var letter = stored.Letter;
            var origin = stored.Origin is { } o ? (stored.WasReplayed ? $"{o} (replayed)" : o.ToString()) : "none";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Time(letter.DeadLetteredAt),-20}  {letter.Reason.PadRight(reasonWidth)}  {Number(letter.SourcePartition),9}  {Number(letter.SourceOffset),10}  {origin,-21}  {letter.Detail}"));
        }

        return 0;
    }

    private static async Task<int> ReplayAsync(KafkaDeadLetterReplayer replayer, KafkaDeadLetterSelection selection, bool dryRun)
    {
        var result = await replayer.ReplayAsync(selection, dryRun, CancellationToken.None);
        Console.WriteLine(dryRun
            ? $"dry run: would replay {result.Replayed} of {result.Selected} dead letters selected ({selection}) to {replayer.Topic}; nothing produced"
            : $"replayed {result.Replayed} of {result.Selected} dead letters selected ({selection}) to {replayer.Topic}");
        if (result.SameOrigin > 0)
        {
            Console.WriteLine($"{result.SameOrigin} not produced: copies of a record whose origin this replay already produced");
        }

        if (result.WithoutOrigin > 0)
        {
            Console.WriteLine($"{result.WithoutOrigin} not produced: their headers name no source partition and offset to replay them as");
        }

        if (result.Failed > 0)
        {
            Console.Error.WriteLine($"{result.Failed} not acknowledged by the broker ({result.FirstError}); replaying the same selection again is safe");
            return 1;
        }

        return 0;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}

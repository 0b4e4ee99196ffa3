using System.Globalization;
using System.Net;
using Billing.Grains.EmbeddedKafka;

namespace Billing.Silo;

/// <summary>
/// Runs the embedded broker as a process of its own, so that several silos and tools on one machine can share
/// it (any Kafka client, kcat included, can connect to the printed address). Its log is in memory only.
/// With <c>--listen ADDRESS:PORT --advertise HOST</c> it is also reachable from other containers, which is how the
/// compose test stands it in for Kafka; without them it stays on loopback.
/// </summary>
internal static class EmbeddedBrokerCommand
{
    public const string Usage = "[--partitions N] [--listen ADDRESS:PORT --advertise HOST]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!TryParse(args, out var partitions, out var external, out var problem))
        {
            Console.Error.WriteLine($"{problem}\nusage: Billing.Silo embedded-broker {Usage}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions, externalListener: external));
        Console.WriteLine($"Kafka:BootstrapServers={broker.ExternalBootstrapServers ?? broker.BootstrapServers}");
        Console.WriteLine($"topics {EmbeddedKafkaBrokerOptions.DefaultTopic} and {EmbeddedKafkaBrokerOptions.DefaultDeadLetterTopic}, {partitions} partitions each; Ctrl+C stops");
        if (external is not null)
        {
            Console.WriteLine($"listening on {external.Bind} without authentication: for a private network only");
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: dispose the broker and exit cleanly.
        }

        return 0;
    }

    private static bool TryParse(
        IReadOnlyList<string> args, out int partitions, out EmbeddedKafkaExternalListener? external, out string problem)
    {
        partitions = EmbeddedKafkaBrokerOptions.DefaultPartitions;
        external = null;
        IPEndPoint? listen = null;
        string? advertise = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            var valid = (args[i], value) switch
            {
                ("--partitions", { } text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out partitions) && partitions >= 1,
                ("--listen", { } text) => IPEndPoint.TryParse(text, out listen) && listen.Port > 0,
                ("--advertise", { } text) => !string.IsNullOrWhiteSpace(advertise = text),
                _ => false,
            };
            if (!valid)
            {
                problem = $"expected --partitions N (a whole number of at least 1), --listen ADDRESS:PORT or --advertise HOST, got: {string.Join(' ', args.Skip(i))}";
                return false;
            }
        }

        if ((listen is null) != (advertise is null))
        {
            problem = "--listen and --advertise go together: where the broker listens, and the name clients reach it at";
            return false;
        }

        external = listen is null ? null : new EmbeddedKafkaExternalListener(listen, advertise!);
        problem = "";
        return true;
    }
}

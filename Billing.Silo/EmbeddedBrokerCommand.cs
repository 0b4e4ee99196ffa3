using System.Globalization;
using Billing.Grains.EmbeddedKafka;

namespace Billing.Silo;

/// <summary>
/// Runs the embedded broker as a process of its own, so that several silos and tools on one machine can share
/// it (any Kafka client, kcat included, can connect to the printed address). Its log is in memory only.
/// </summary>
internal static class EmbeddedBrokerCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var partitions = EmbeddedKafkaBrokerOptions.DefaultPartitions;
        var valid = args switch
        {
            [] => true,
            ["--partitions", var text] => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out partitions) && partitions >= 1,
            _ => false,
        };
        if (!valid)
        {
            Console.Error.WriteLine($"expected [--partitions N] with N a whole number of at least 1, got: {string.Join(' ', args)}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions));
        Console.WriteLine($"Kafka:BootstrapServers={broker.BootstrapServers}");
        Console.WriteLine($"topics {EmbeddedKafkaBrokerOptions.DefaultTopic} and {EmbeddedKafkaBrokerOptions.DefaultDeadLetterTopic}, {partitions} partitions each; Ctrl+C stops");
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
}

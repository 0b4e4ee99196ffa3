using System.Globalization;

namespace Billing.Benchmarks;

/// <summary>What the HTTP ingestion benchmark (<c>http</c>) measures, read from the command line.</summary>
/// <param name="Customers">Customers the events are spread over (and the queries asked about).</param>
/// <param name="Clients">Concurrent HTTP clients, each posting a batch and waiting for its answer before the next.</param>
/// <param name="BatchSizes">Events per request; each size is one run.</param>
/// <param name="Seconds">How long each run lasts.</param>
/// <param name="QueriesPerSecond">Rate of <c>GET /customers/{customer}</c> during each run (0: none).</param>
/// <param name="Partitions">Partitions of the incoming topic.</param>
internal sealed record HttpIngestSettings(int Customers, int Clients, IReadOnlyList<int> BatchSizes, int Seconds, int QueriesPerSecond, int Partitions)
{
    public static HttpIngestSettings? Parse(IReadOnlyList<string> args)
    {
        var settings = new HttpIngestSettings(Customers: 1_000, Clients: 32, BatchSizes: [100, 1], Seconds: 20, QueriesPerSecond: 200, Partitions: 32);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--customers" when i + 1 < args.Count:
                    settings = settings with { Customers = Number(args[++i]) };
                    break;
                case "--clients" when i + 1 < args.Count:
                    settings = settings with { Clients = Number(args[++i]) };
                    break;
                case "--batch" when i + 1 < args.Count:
                    settings = settings with { BatchSizes = [.. args[++i].Split(',').Select(Number)] };
                    break;
                case "--seconds" when i + 1 < args.Count:
                    settings = settings with { Seconds = Number(args[++i]) };
                    break;
                case "--queries" when i + 1 < args.Count:
                    settings = settings with { QueriesPerSecond = Number(args[++i]) };
                    break;
                case "--partitions" when i + 1 < args.Count:
                    settings = settings with { Partitions = Number(args[++i]) };
                    break;
                default:
                    return null;
            }
        }

        return settings.Customers > 0 && settings.Clients > 0 && settings.Seconds > 0 && settings.BatchSizes.All(size => size is > 0 and <= 1_000)
            ? settings
            : null;
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}

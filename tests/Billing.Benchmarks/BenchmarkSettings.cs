using System.Globalization;

namespace Billing.Benchmarks;

/// <summary>What an ingestion benchmark run measures, read from the command line.</summary>
/// <param name="CustomerCounts">Each customer count gets a cold and a sustained run per state.</param>
/// <param name="States">"memory" (Billing.Web co-hosting a silo, as in external-Kafka mode) and/or "postgres" (cluster mode).</param>
/// <param name="Partitions">Partitions of the incoming topic.</param>
/// <param name="Keyed">Records placed by the producer's partitioner from their key, as Kafka producers do; false: round-robin.</param>
/// <param name="StepSeconds">How long each rate of the sustained run is held.</param>
/// <param name="QueriesPerSecond">Rate of <c>GET /customers/{customer}</c> during the sustained run (0: none).</param>
/// <param name="SiloMemoryMiB">
/// The memory the silo's process may use, in MiB, as a container's limit would set it (its GC heap limit); 0: the
/// machine's.
/// </param>
internal sealed record BenchmarkSettings(
    IReadOnlyList<int> CustomerCounts,
    IReadOnlyList<string> States,
    int Partitions,
    bool Keyed,
    int StepSeconds,
    int QueriesPerSecond = 1_000,
    int SiloMemoryMiB = 0)
{
    public const string Usage = """
        usage: Billing.Benchmarks [ingest] [--customers 1000,10000,100000] [--state memory,postgres]
                                  [--partitions 32] [--round-robin] [--step-seconds 10] [--queries 1000]
                                  [--silo-memory MiB]
               Billing.Benchmarks close [customers] [durable|memory|both]
               Billing.Benchmarks dedup [ids]
               Billing.Benchmarks http [--customers 1000] [--clients 32] [--batch 100,1] [--seconds 20]
                                       [--queries 200] [--partitions 32]
        """;

    /// <summary>Records of a cold run: ten per customer, at least 200,000.</summary>
    public static int ColdRecords(int customers) => Math.Max(200_000, customers * 10);

    public static BenchmarkSettings? Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchmarkSettings([1_000, 10_000, 100_000], ["memory", "postgres"], 32, Keyed: true, StepSeconds: 10);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--customers" when i + 1 < args.Count:
                    settings = settings with { CustomerCounts = [.. args[++i].Split(',').Select(Number)] };
                    break;
                case "--state" when i + 1 < args.Count:
                    settings = settings with { States = args[++i].Split(',') };
                    if (settings.States.Any(state => state is not ("memory" or "postgres")))
                    {
                        return null;
                    }

                    break;
                case "--partitions" when i + 1 < args.Count:
                    settings = settings with { Partitions = Number(args[++i]) };
                    break;
                case "--step-seconds" when i + 1 < args.Count:
                    settings = settings with { StepSeconds = Number(args[++i]) };
                    break;
                case "--queries" when i + 1 < args.Count:
                    settings = settings with { QueriesPerSecond = Number(args[++i]) };
                    break;
                case "--silo-memory" when i + 1 < args.Count:
                    settings = settings with { SiloMemoryMiB = Number(args[++i]) };
                    break;
                case "--round-robin":
                    settings = settings with { Keyed = false };
                    break;
                default:
                    return null;
            }
        }

        return settings;
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}

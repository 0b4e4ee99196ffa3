using Billing.Grains.Hosting;

namespace Billing.Silo;

/// <summary>
/// <c>Billing.Silo apikey --customer &lt;id&gt; | --admin | --ingest [--customer &lt;id&gt;] [--index N]</c>: makes a new
/// random API key, prints it once, and prints the configuration lines (hash only) that grant it.
/// </summary>
internal static class ApiKeyCommand
{
    public static int Run(string[] args)
    {
        string? customer = null;
        var admin = false;
        var ingest = false;
        var index = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--customer" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]):
                    customer = args[++i];
                    break;
                case "--admin":
                    admin = true;
                    break;
                case "--ingest":
                    ingest = true;
                    break;
                case "--index" when i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0:
                    index = n;
                    i++;
                    break;
                default:
                    return Usage($"unexpected argument '{args[i]}'");
            }
        }

        // A customer's key, an admin key, or an ingest key (for one customer when --customer is given too).
        if (admin ? customer is not null || ingest : !ingest && customer is null)
        {
            return Usage("give --customer <id>, --admin, or --ingest (with --customer <id> to limit it to that customer)");
        }

        var key = ApiKeyMaterial.NewKey();
        var hash = ApiKeyMaterial.HashOf(key);
        Console.WriteLine($"key (shown once; give it to its holder): {key}");
        Console.WriteLine("configuration (environment variables shown; only the hash is stored):");
        Console.WriteLine($"Billing__ApiKeys__{index}__Sha256={hash}");
        if (admin || ingest)
        {
            Console.WriteLine($"Billing__ApiKeys__{index}__Role={(admin ? "Admin" : "Ingest")}");
        }

        if (customer is not null)
        {
            Console.WriteLine($"Billing__ApiKeys__{index}__Customer={customer}");
        }

        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"{problem}\nusage: Billing.Silo apikey --customer <id> | --admin | --ingest [--customer <id>] [--index N]");
        return 2;
    }
}

using Billing.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Billing.Silo;

/// <summary>
/// Applies the project's PostgreSQL schema and exits, for operators who run migrations separately from
/// start-up (then set <c>Billing:MigrateOnStart=false</c> on the silos).
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine([.. args])
            .Build();
        var connectionString = configuration.GetConnectionString("Billing");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("ConnectionStrings:Billing is required: the PostgreSQL database to migrate.");
            return 2;
        }

        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(options => options.SingleLine = true));
        var logger = loggers.CreateLogger("Billing.Silo.Migrate");
        await BillingSchema.MigrateAsync(connectionString, logger, CancellationToken.None);
        var version = await BillingSchema.CurrentVersionAsync(connectionString, CancellationToken.None);
        Console.WriteLine($"schema at version {version}");
        return 0;
    }
}

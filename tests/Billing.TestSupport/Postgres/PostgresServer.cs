using System.Globalization;
using Billing.Grains.Storage;
using Billing.TestSupport.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Billing.TestSupport.Postgres;

/// <summary>
/// A throw-away PostgreSQL server owned by the tests: <c>initdb</c> into a temporary folder, then <c>pg_ctl</c>
/// on a free loopback port with trust authentication. It can be stopped and started again on the same port and
/// data, or killed, to test what the system does when its database goes away.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private readonly bool _runAsServiceUser;
    private int _databaseCount;
    private bool _running;

    private PostgresServer(PostgresBinaries binaries, string root, int port, bool runAsServiceUser)
    {
        _binaries = binaries;
        _root = root;
        Port = port;
        _runAsServiceUser = runAsServiceUser;
    }

    /// <summary>The loopback port the server listens on, the same across restarts.</summary>
    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>Creates a new cluster in a temporary folder and starts it.</summary>
    public static async Task<PostgresServer> StartNewAsync()
    {
        var binaries = PostgresBinaries.Find();
        var root = Directory.CreateTempSubdirectory("billing-pg-").FullName;
        // PostgreSQL refuses to run as root, so root runs it as the postgres user, who must own the folder.
        var runAsServiceUser = IsRoot();
        var server = new PostgresServer(binaries, root, FreePorts.Take(1)[0], runAsServiceUser);
        try
        {
            if (runAsServiceUser)
            {
                await CommandLine.RunCheckedAsync("chown", ["-R", ServiceUser, root], ProgramTimeout);
            }

            await server.RunAsync(binaries.InitDb,
                ["-D", server.DataDirectory, "-U", ServiceUser, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The connection string of <paramref name="database"/> on this server, as the superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database of its own for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"billing_test_{Interlocked.Increment(ref _databaseCount)}");
        // Not pooled: an idle pooled session would not survive a restart of the server.
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>As <see cref="CreateDatabaseAsync"/>, with the billing schema migrated in: what a cluster's database holds.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await BillingSchema.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        return connectionString;
    }

    /// <summary>Starts the server (again) on the same port and data and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = string.Join(' ',
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={_root}",
            // Skipping fsync only risks data when the machine crashes, which tests never do. Commits stay
            // synchronous: KillAsync stands for a server crash, and a committed row must survive it.
            "-c", "fsync=off",
            "-c", "full_page_writes=off");
        await RunAsync(_binaries.PgCtl, ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options]);
        _running = true;
        await WaitUntilReadyAsync();
    }

    /// <summary>Shuts the server down cleanly (sessions are disconnected).</summary>
    public Task StopAsync() => StopAsync("fast");

    /// <summary>Stops the server as a crash would: no checkpoint, recovery on the next start.</summary>
    public Task KillAsync() => StopAsync("immediate");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_running)
            {
                await StopAsync("immediate");
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task StopAsync(string mode)
    {
        await RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60"]);
        _running = false;
    }

    private async Task WaitUntilReadyAsync()
    {
        // pg_ctl -w already waited; this proves a TCP session on the port works, and names the log if not.
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
            catch (NpgsqlException e)
            {
                throw new TimeoutException(
                    $"PostgreSQL on port {Port} did not accept connections within {ReadyTimeout}; see {LogFile}.", e);
            }
        }
    }

    private Task RunAsync(string program, IEnumerable<string> arguments) =>
        _runAsServiceUser
            ? CommandLine.RunCheckedAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], ProgramTimeout)
            : CommandLine.RunCheckedAsync(program, arguments, ProgramTimeout);

    // On Unix, UserName is the name of the effective user id, so this is uid 0.
    private static bool IsRoot() => Environment.UserName == "root";
}

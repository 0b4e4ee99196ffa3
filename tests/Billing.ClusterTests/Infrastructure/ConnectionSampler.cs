using Npgsql;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>Samples, every 100 ms, how many server connections an application holds; the most seen.</summary>
public sealed class ConnectionSampler : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<int> sampling;

    private ConnectionSampler(string connectionString, string applicationName) =>
        sampling = SampleAsync(connectionString, applicationName, stop.Token);

    public static ConnectionSampler Start(string connectionString, string applicationName) => new(connectionString, applicationName);

    /// <summary>Stops sampling; the most connections seen at once.</summary>
    public async Task<int> StopAsync()
    {
        await stop.CancelAsync();
        return await sampling;
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    private static async Task<int> SampleAsync(string connectionString, string applicationName, CancellationToken cancellationToken)
    {
        var most = 0;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where application_name = @name", connection);
        command.Parameters.AddWithValue("name", applicationName);
        while (!cancellationToken.IsCancellationRequested)
        {
            most = Math.Max(most, (int)(long)(await command.ExecuteScalarAsync(CancellationToken.None))!);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return most;
    }
}

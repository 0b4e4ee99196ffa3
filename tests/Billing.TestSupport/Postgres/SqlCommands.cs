using Npgsql;

namespace Billing.TestSupport.Postgres;

/// <summary>Runs statements a test needs to set a database up or to break it (tables, triggers, faults).</summary>
public static class SqlCommands
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using Npgsql;

namespace Billing.TestSupport.Postgres;

/// <summary>Reads what a test wants to see in a database, as text.</summary>
public static class SqlReader
{
    /// <summary>The first column of every row <paramref name="sql"/> returns (the column must be text).</summary>
    public static async Task<List<string>> ReadColumnAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}

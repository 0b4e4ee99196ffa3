using Npgsql;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>Reads the cluster's membership table, the signal that a silo process has joined.</summary>
public static class Membership
{
    private const int Active = 3;

    public static async Task<bool> IsActiveAsync(string connectionString, int siloPort)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE port = @port AND status = @active", connection);
        command.Parameters.AddWithValue("port", siloPort);
        command.Parameters.AddWithValue("active", Active);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}

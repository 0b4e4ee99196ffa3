using Billing.TestSupport.Postgres;
using Npgsql;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>The cluster's PostgreSQL database, asked directly: what the invoice store holds, and faults to inject.</summary>
public sealed class ClusterDatabase(string connectionString)
{
    /// <summary>The database's connection string, for statements of a test's own.</summary>
    public string ConnectionString => connectionString;

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Makes every insert into <c>billing_invoices</c> fail, as a store that refuses writes: no invoice can be issued.</summary>
    public Task RefuseInvoicesAsync() => InvoiceTableFaults.RefuseInsertsAsync(connectionString);

    /// <summary>Undoes <see cref="RefuseInvoicesAsync"/>.</summary>
    public Task AcceptInvoicesAsync() => InvoiceTableFaults.AcceptInsertsAsync(connectionString);

    /// <summary>Every stored invoice, by number.</summary>
    public Task<IReadOnlyList<StoredInvoice>> InvoicesAsync() => QueryAsync(
        "select number, customer, month, total from billing_invoices order by number",
        reader => new StoredInvoice(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3)));

    /// <summary>How many invoices each customer-month has: one, if issuing is idempotent.</summary>
    public Task<IReadOnlyList<(string Customer, string Month, long Count)>> InvoiceCountsAsync() => QueryAsync(
        "select customer, month, count(*) from billing_invoices group by customer, month order by customer collate \"C\", month collate \"C\"",
        reader => (reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));

    /// <summary>The last number the gapless counter handed out.</summary>
    public async Task<long> LastInvoiceNumberAsync() =>
        (await QueryAsync("select last_number from billing_invoice_numbers", reader => reader.GetInt64(0)))[0];
}

/// <summary>One row of <c>billing_invoices</c>.</summary>
public sealed record StoredInvoice(long Number, string Customer, string Month, decimal Total);

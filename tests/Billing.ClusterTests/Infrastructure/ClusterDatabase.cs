using Npgsql;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>The cluster's PostgreSQL database, asked directly: what the invoice store holds, and faults to inject.</summary>
public sealed class ClusterDatabase(string connectionString)
{
    private const string RefuseFunction = "billing_test_refuse_invoices";
    private const string RefuseTrigger = "billing_test_refuse_invoices";

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

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
    public Task RefuseInvoicesAsync() => ExecuteAsync($"""
        create function {RefuseFunction}() returns trigger language plpgsql as $$
        begin
            raise exception 'billing_invoices refuses inserts (test fault)';
        end
        $$;
        create trigger {RefuseTrigger} before insert on billing_invoices
            for each statement execute function {RefuseFunction}();
        """);

    /// <summary>Undoes <see cref="RefuseInvoicesAsync"/>.</summary>
    public Task AcceptInvoicesAsync() => ExecuteAsync($"""
        drop trigger {RefuseTrigger} on billing_invoices;
        drop function {RefuseFunction}();
        """);

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

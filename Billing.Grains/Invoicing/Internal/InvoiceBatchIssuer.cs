using Billing.Invoices;
using Npgsql;
using NpgsqlTypes;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>
/// Issues many drafts in one transaction: lock the number counter, find which keys already have an invoice,
/// insert the others under consecutive numbers in one statement, move the counter once, commit.
/// </summary>
/// <remarks>
/// The counter row lock serializes every issuer of the database, in any process. The existing invoices are
/// looked up after the lock is held, so under READ COMMITTED they include everything committed before this
/// transaction could go on: a key is never inserted twice, and numbers are never skipped. A transaction that
/// fails rolls back its counter update with its inserts: it takes no number.
/// </remarks>
internal static class InvoiceBatchIssuer
{
    private const string LockCounter = "select last_number from billing_invoice_numbers for update";

    private const string SelectExisting =
        $"select {InvoiceRows.Columns} from billing_invoices i " +
        "join unnest(@customers, @months) as k(customer, month) on i.customer = k.customer and i.month = k.month";

    private const string InsertNew = """
        insert into billing_invoices (number, customer, month, currency, lines, adjustments, total, issued_at)
        select number, customer, month, currency, lines::jsonb, adjustments::jsonb, total, issued_at
        from unnest(@numbers, @customers, @months, @currencies, @lines, @adjustments, @totals, @issued)
            as r(number, customer, month, currency, lines, adjustments, total, issued_at)
        """;

    private const string UpdateCounter = "update billing_invoice_numbers set last_number = @last";

    public static async Task<IssuedBatch> IssueAsync(NpgsqlConnection connection, IReadOnlyList<PendingIssue> batch, CancellationToken cancellationToken)
    {
        // The first draft of a key in the batch is the one issued; later ones get its invoice.
        var drafts = new Dictionary<InvoiceKey, InvoiceDraft>();
        foreach (var pending in batch)
        {
            drafts.TryAdd(pending.Key, pending.Draft);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (lastNumber, invoices) = await LockAndReadExistingAsync(connection, transaction, drafts.Keys, cancellationToken);

        var fresh = new List<Invoice>(drafts.Count - invoices.Count);
        foreach (var (key, draft) in drafts)
        {
            if (!invoices.ContainsKey(key))
            {
                var invoice = Invoice.Issue(lastNumber + fresh.Count + 1, draft);
                fresh.Add(invoice);
                invoices.Add(key, invoice);
            }
        }

        if (fresh.Count > 0)
        {
            lastNumber += fresh.Count;
            await InsertAsync(connection, transaction, fresh, lastNumber, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new IssuedBatch(invoices, fresh.Count, lastNumber);
    }

    private static async Task<(long LastNumber, Dictionary<InvoiceKey, Invoice> Existing)> LockAndReadExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<InvoiceKey> keys, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LockCounter));
        var select = new NpgsqlBatchCommand(SelectExisting);
        select.Parameters.Add(TextArray("customers", keys.Select(key => key.Customer)));
        select.Parameters.Add(TextArray("months", keys.Select(key => key.Month.ToString())));
        batch.BatchCommands.Add(select);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("billing_invoice_numbers has no row; the billing schema is not migrated.");
        }

        var lastNumber = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var existing = new Dictionary<InvoiceKey, Invoice>(keys.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            var invoice = InvoiceRows.Read(reader);
            existing.Add(new InvoiceKey(invoice.Customer, invoice.Month), invoice);
        }

        return (lastNumber, existing);
    }

    private static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Invoice> invoices, long lastNumber, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand(InsertNew);
        insert.Parameters.Add(new NpgsqlParameter<long[]>("numbers", NpgsqlDbType.Array | NpgsqlDbType.Bigint)
        {
            TypedValue = [.. invoices.Select(invoice => invoice.Number)],
        });
        insert.Parameters.Add(TextArray("customers", invoices.Select(invoice => invoice.Customer)));
        insert.Parameters.Add(TextArray("months", invoices.Select(invoice => invoice.Month.ToString())));
        insert.Parameters.Add(TextArray("currencies", invoices.Select(invoice => invoice.Currency)));
        insert.Parameters.Add(TextArray("lines", invoices.Select(invoice => InvoiceJsonColumns.WriteLines(invoice.Lines))));
        insert.Parameters.Add(TextArray("adjustments", invoices.Select(invoice => InvoiceJsonColumns.WriteAdjustments(invoice.Adjustments))));
        insert.Parameters.Add(new NpgsqlParameter<decimal[]>("totals", NpgsqlDbType.Array | NpgsqlDbType.Numeric)
        {
            TypedValue = [.. invoices.Select(invoice => invoice.Total)],
        });
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("issued", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            TypedValue = [.. invoices.Select(invoice => invoice.IssuedAt.UtcDateTime)],
        });
        batch.BatchCommands.Add(insert);

        var update = new NpgsqlBatchCommand(UpdateCounter);
        update.Parameters.Add(new NpgsqlParameter<long>("last", NpgsqlDbType.Bigint) { TypedValue = lastNumber });
        batch.BatchCommands.Add(update);

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<string[]> TextArray(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] };
}

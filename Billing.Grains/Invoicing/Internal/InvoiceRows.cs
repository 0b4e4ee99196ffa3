using Billing.Invoices;
using Billing.Usage;
using Npgsql;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>Reads <c>billing_invoices</c> rows back into <see cref="Invoice"/> records, exactly as issued.</summary>
internal static class InvoiceRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order, for a table aliased <c>i</c>.</summary>
    public const string Columns = "i.number, i.customer, i.month, i.currency, i.lines::text, i.adjustments::text, i.issued_at";

    public static Invoice Read(NpgsqlDataReader reader)
    {
        var number = reader.GetInt64(0);
        if (!BillingMonth.TryParse(reader.GetString(2), out var month))
        {
            throw new InvalidDataException($"Invoice {number} has no valid month.");
        }

        return new Invoice(
            number,
            reader.GetString(1),
            month,
            reader.GetString(3),
            InvoiceJsonColumns.ReadLines(reader.GetString(4)),
            InvoiceJsonColumns.ReadAdjustments(reader.GetString(5)),
            reader.GetFieldValue<DateTimeOffset>(6));
    }

    public static async Task<List<Invoice>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var invoices = new List<Invoice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            invoices.Add(Read(reader));
        }

        return invoices;
    }
}

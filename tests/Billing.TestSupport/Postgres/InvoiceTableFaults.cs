namespace Billing.TestSupport.Postgres;

/// <summary>A fault in a migrated database: <c>billing_invoices</c> refusing every insert, as a store that refuses writes.</summary>
public static class InvoiceTableFaults
{
    /// <summary>The message of the exception every refused insert raises.</summary>
    public const string RefusalMessage = "billing_invoices refuses inserts (test fault)";

    private const string RefuseFunction = "billing_test_refuse_invoices";
    private const string RefuseTrigger = "billing_test_refuse_invoices";

    /// <summary>Makes every insert into <c>billing_invoices</c> fail with <see cref="RefusalMessage"/>: no invoice can be issued.</summary>
    public static Task RefuseInsertsAsync(string connectionString) => SqlCommands.ExecuteAsync(connectionString, $"""
        create function {RefuseFunction}() returns trigger language plpgsql as $$
        begin
            raise exception '{RefusalMessage}';
        end
        $$;
        create trigger {RefuseTrigger} before insert on billing_invoices
            for each statement execute function {RefuseFunction}();
        """);

    /// <summary>Undoes <see cref="RefuseInsertsAsync"/>.</summary>
    public static Task AcceptInsertsAsync(string connectionString) => SqlCommands.ExecuteAsync(connectionString, $"""
        drop trigger {RefuseTrigger} on billing_invoices;
        drop function {RefuseFunction}();
        """);
}

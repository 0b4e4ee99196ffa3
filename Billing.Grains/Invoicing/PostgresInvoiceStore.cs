using System.Diagnostics;
using System.Threading.Channels;
using Billing.Grains.Invoicing.Internal;
using Billing.Invoices;
using Billing.Usage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Billing.Grains.Invoicing;

/// <summary>
/// The invoice store of cluster mode: table <c>billing_invoices</c> (schema script 005), numbered by the
/// single row of <c>billing_invoice_numbers</c>. Any number of processes may issue into one database at once.
/// </summary>
/// <remarks>
/// <para>
/// Issuing is batched for throughput: <see cref="IssueAsync"/> queues the draft and waits; one loop per store
/// takes up to <see cref="MaxBatchSize"/> queued drafts and issues them in one transaction (see
/// <see cref="InvoiceBatchIssuer"/>), then hands every caller its stored invoice. When that transaction fails,
/// every caller of the batch gets the exception and nothing was stored; issuing again is safe.
/// </para>
/// <para>
/// The issue time is kept to the microsecond, PostgreSQL's precision: the invoice returned carries the time
/// as stored, so a draft with a finer time comes back truncated.
/// </para>
/// </remarks>
public sealed class PostgresInvoiceStore : IInvoiceStore, IAsyncDisposable
{
    /// <summary>The most drafts issued in one transaction.</summary>
    public const int MaxBatchSize = 1000;

    private const string SelectOne = $"select {InvoiceRows.Columns} from billing_invoices i where i.customer = @customer and i.month = @month";

    private const string SelectAll = $"select {InvoiceRows.Columns} from billing_invoices i where i.customer = @customer order by i.month desc";

    // The counter, not count(*): numbering is gapless, so the last number is the count, read without a scan.
    private const string SelectCount = "select last_number from billing_invoice_numbers";

    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger logger;
    private readonly Channel<PendingIssue> queue = Channel.CreateUnbounded<PendingIssue>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task issuing;

    /// <summary>Creates the store and starts its issuing loop.</summary>
    /// <param name="dataSource">
    /// The billing database (migrated to version 5 or later): in a silo, the pool that clustering, reminders and
    /// grain state share, so that invoices wait their turn for a connection rather than exceed the silo's bound.
    /// The store does not dispose it.
    /// </param>
    /// <param name="logger">Where batch outcomes and failures are logged (counts only).</param>
    public PostgresInvoiceStore(NpgsqlDataSource dataSource, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        this.dataSource = dataSource;
        this.logger = logger;
        issuing = Task.Run(IssueQueuedAsync);
    }

    /// <inheritdoc />
    public Task<Invoice> IssueAsync(InvoiceDraft draft, CancellationToken cancellationToken)
    {
        InvoiceDrafts.Validate(draft);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Invoice>(cancellationToken);
        }

        var pending = new PendingIssue(InvoiceDrafts.Normalize(draft), cancellationToken);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Invoice?> FindAsync(string customer, BillingMonth month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SelectOne, connection);
        command.Parameters.AddWithValue("customer", customer);
        command.Parameters.AddWithValue("month", month.ToString());
        var invoices = await InvoiceRows.ReadAllAsync(command, cancellationToken);
        return invoices.Count == 0 ? null : invoices[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Invoice>> ListAsync(string customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SelectAll, connection);
        command.Parameters.AddWithValue("customer", customer);
        return await InvoiceRows.ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SelectCount, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Stops taking drafts and issues those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await issuing;
    }

    private ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken);

    private async Task IssueQueuedAsync()
    {
        var batch = new List<PendingIssue>(MaxBatchSize);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatchSize && queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await IssueBatchAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task IssueBatchAsync(List<PendingIssue> batch)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // Not cancelled by any one caller: the batch belongs to all of them.
            await using var connection = await OpenAsync(CancellationToken.None);
            var issued = await InvoiceBatchIssuer.IssueAsync(connection, batch, CancellationToken.None);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult(issued.Invoices[pending.Key]);
            }

            InvoiceStoreLog.BatchIssued(logger, issued.IssuedCount, issued.LastNumber, batch.Count - issued.IssuedCount, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception exception)
        {
            InvoiceStoreLog.BatchFailed(logger, batch.Count, exception);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }
}

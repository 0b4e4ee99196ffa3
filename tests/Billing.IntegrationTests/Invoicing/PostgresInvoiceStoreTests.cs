using Billing.Events;
using Billing.Grains.Invoicing;
using Billing.IntegrationTests.Infrastructure;
using Billing.Invoices;
using Billing.TestSupport.Postgres;
using Billing.Usage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Billing.IntegrationTests.Invoicing;

[Collection(PostgresCollection.Name)]
public sealed class PostgresInvoiceStoreTests(PostgresFixture postgres) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly List<NpgsqlDataSource> dataSources = [];

    [Fact]
    public async Task IssueAsync_NewCustomersOneAfterAnother_NumbersOneToNWithoutGaps()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        var drafts = TestDrafts.Distinct(5);

        var invoices = new List<Invoice>();
        foreach (var draft in drafts)
        {
            invoices.Add(await store.IssueAsync(draft, CancellationToken.None));
        }

        Assert.Equal([1L, 2, 3, 4, 5], invoices.Select(invoice => invoice.Number));
        Assert.All(invoices.Zip(drafts), pair => Assert.True(pair.First.HasContentOf(pair.Second)));
        Assert.Equal("5", await LastNumberAsync(connectionString));
    }

    [Fact]
    public async Task IssueAsync_SameCustomerAndMonthAgain_ReturnsFirstInvoiceAndTakesNoNumber()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        var first = await store.IssueAsync(TestDrafts.For("Emma", amount: 12.00m), CancellationToken.None);

        var again = await store.IssueAsync(TestDrafts.For("Emma", amount: 99.00m), CancellationToken.None);
        var next = await store.IssueAsync(TestDrafts.For("Olivia"), CancellationToken.None);

        TestDrafts.AssertSame(first, again);
        Assert.Equal(12.00m, again.Total);
        Assert.Equal(2, next.Number);
        Assert.Equal(["1 Emma", "2 Olivia"], await SqlReader.ReadColumnAsync(connectionString,
            "select number::text || ' ' || customer from billing_invoices order by number"));
        Assert.Equal(2, await store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CountAsync_NothingIssued_IsZero()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);

        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IssueAsync_SameDraftManyTimesAtOnceThroughTwoStores_AllGetOneInvoice()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var first = NewStore(connectionString);
        await using var second = NewStore(connectionString);
        var draft = TestDrafts.For("Emma");

        var invoices = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => (i % 2 == 0 ? first : second).IssueAsync(draft, CancellationToken.None))).WaitAsync(Patience);

        Assert.All(invoices, invoice => TestDrafts.AssertSame(invoices[0], invoice));
        Assert.Equal(1, invoices[0].Number);
        Assert.Equal("1", await LastNumberAsync(connectionString));
    }

    [Fact]
    public async Task IssueAsync_TwoThousandConcurrentCallsThroughTwoStores_NumbersExactlyOneToTwoThousand()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        // Two stores, each with its own pool and issuing loop, stand for two processes on one database.
        await using var first = NewStore(connectionString);
        await using var second = NewStore(connectionString);
        var drafts = TestDrafts.Distinct(2000);

        var invoices = await Task.WhenAll(drafts
            .Select((draft, i) => (i % 2 == 0 ? first : second).IssueAsync(draft, CancellationToken.None))).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 2000).Select(n => (long)n), invoices.Select(invoice => invoice.Number).Order());
        Assert.All(invoices.Zip(drafts), pair => Assert.True(pair.First.HasContentOf(pair.Second)));
        Assert.Equal(["2000 1 2000 2000"], await SqlReader.ReadColumnAsync(connectionString,
            "select count(*)::text || ' ' || min(number)::text || ' ' || max(number)::text || ' ' || count(distinct (customer, month))::text from billing_invoices"));
        Assert.Equal("2000", await LastNumberAsync(connectionString));
    }

    [Fact]
    public async Task IssueAsync_InsertFailsInTransaction_ThrowsAndTakesNoNumber()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        await store.IssueAsync(TestDrafts.For("Emma"), CancellationToken.None);
        await store.IssueAsync(TestDrafts.For("Olivia"), CancellationToken.None);
        await InvoiceTableFaults.RefuseInsertsAsync(connectionString);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => store.IssueAsync(TestDrafts.For("Noah"), CancellationToken.None));
        Assert.Equal(InvoiceTableFaults.RefusalMessage, failure.MessageText);
        Assert.Equal("2", await LastNumberAsync(connectionString));

        await InvoiceTableFaults.AcceptInsertsAsync(connectionString);
        var noah = await store.IssueAsync(TestDrafts.For("Noah"), CancellationToken.None);
        var liam = await store.IssueAsync(TestDrafts.For("Liam"), CancellationToken.None);

        Assert.Equal(3, noah.Number);
        Assert.Equal(4, liam.Number);
        Assert.Equal(["1", "2", "3", "4"], await SqlReader.ReadColumnAsync(connectionString, "select number::text from billing_invoices order by number"));
    }

    [Fact]
    public async Task FindAsync_IssuedInvoice_ReadsBackLinesAdjustmentsAndAmountsExactly()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        var draft = new InvoiceDraft(
            "Émma / ünïcode \"quoted\" 💶",
            new BillingMonth(2026, 9),
            "EUR",
            [
                new InvoiceLine(EventType.Message, 1, 0.01m),
                new InvoiceLine(EventType.Data, 250_000, 999_999.99m),
                new InvoiceLine(EventType.Call, 3, 12.50m),
                new InvoiceLine(EventType.Pack, 7, 12.5m),
                new InvoiceLine(EventType.Misc, int.MaxValue, 999_999_999_999_999_999.99m),
            ],
            [.. Enumerable.Range(0, 40).Select(i => new InvoiceAdjustment(new BillingMonth(2023 + (i / 12), 1 + (i % 12)), i + 1, 0.01m * (i + 1)))],
            new DateTimeOffset(2026, 10, 4, 12, 0, 0, 123, TimeSpan.FromHours(2)));

        var issued = await store.IssueAsync(draft, CancellationToken.None);
        var found = await store.FindAsync(draft.Customer, draft.Month, CancellationToken.None);
        var listed = await store.ListAsync(draft.Customer, CancellationToken.None);

        Assert.True(issued.HasContentOf(draft));
        TestDrafts.AssertSame(issued, found);
        TestDrafts.AssertSame(issued, Assert.Single(listed));
        Assert.Equal(["1000000000001000033.19"], await SqlReader.ReadColumnAsync(connectionString,
            "select total::text from billing_invoices where number = 1"));
    }

    [Fact]
    public async Task IssueAsync_IssueTimeFinerThanMicroseconds_ReturnsTheTimeAsStored()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        var draft = TestDrafts.For("Emma") with { IssuedAt = TestDrafts.IssuedAt.AddTicks(1_234_567) };

        var issued = await store.IssueAsync(draft, CancellationToken.None);

        Assert.Equal(TestDrafts.IssuedAt.AddTicks(1_234_560), issued.IssuedAt);
        TestDrafts.AssertSame(issued, await store.FindAsync("Emma", TestDrafts.September, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_SeveralMonthsAndCustomers_NewestMonthFirstOnlyThatCustomer()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        foreach (var month in new[] { new BillingMonth(2026, 8), new BillingMonth(2026, 10), new BillingMonth(2025, 12) })
        {
            await store.IssueAsync(TestDrafts.For("Emma", month), CancellationToken.None);
        }

        await store.IssueAsync(TestDrafts.For("Olivia", new BillingMonth(2026, 11)), CancellationToken.None);

        var listed = await store.ListAsync("Emma", CancellationToken.None);

        Assert.Equal(["2026-10", "2026-08", "2025-12"], listed.Select(invoice => invoice.Month.ToString()));
        Assert.Empty(await store.ListAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_NothingIssuedForThatMonth_ReturnsNull()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        await store.IssueAsync(TestDrafts.For("Emma"), CancellationToken.None);

        Assert.Null(await store.FindAsync("Emma", new BillingMonth(2026, 10), CancellationToken.None));
        Assert.Null(await store.FindAsync("Olivia", TestDrafts.September, CancellationToken.None));
    }

    [Fact]
    public async Task IssueAsync_CallerAlreadyCancelled_ThrowsAndTakesNoNumber()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.IssueAsync(TestDrafts.For("Emma"), new CancellationToken(canceled: true)));
        var olivia = await store.IssueAsync(TestDrafts.For("Olivia"), CancellationToken.None);

        Assert.Equal(1, olivia.Number);
        Assert.Null(await store.FindAsync("Emma", TestDrafts.September, CancellationToken.None));
    }

    [Fact]
    public async Task IssueAsync_DraftNoStoreCanKeep_ThrowsWithoutTouchingOtherDrafts()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var store = NewStore(connectionString);
        var overflowing = TestDrafts.For("Noah") with
        {
            Lines = [new InvoiceLine(EventType.Call, 1, decimal.MaxValue), new InvoiceLine(EventType.Data, 1, decimal.MaxValue)],
        };

        await Assert.ThrowsAsync<ArgumentException>(() => store.IssueAsync(TestDrafts.For("Em\0ma"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.IssueAsync(TestDrafts.For("Em\ud800ma"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.IssueAsync(overflowing, CancellationToken.None));
        var olivia = await store.IssueAsync(TestDrafts.For("Olivia"), CancellationToken.None);

        Assert.Equal(1, olivia.Number);
    }

    [Fact]
    public async Task NumberCounter_SecondRowOrDelete_IsRefused()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();

        await Assert.ThrowsAsync<PostgresException>(() => SqlCommands.ExecuteAsync(connectionString,
            "insert into billing_invoice_numbers (only_row, last_number) values (false, 0)"));
        await Assert.ThrowsAsync<PostgresException>(() => SqlCommands.ExecuteAsync(connectionString, "delete from billing_invoice_numbers"));
        await Assert.ThrowsAsync<PostgresException>(() => SqlCommands.ExecuteAsync(connectionString, "truncate billing_invoice_numbers"));

        Assert.Equal("0", await LastNumberAsync(connectionString));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    /// <summary>A store with a pool of its own, as each silo has; the pools close with the test.</summary>
    private PostgresInvoiceStore NewStore(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        dataSources.Add(dataSource);
        return new PostgresInvoiceStore(dataSource, NullLogger.Instance);
    }

    private static async Task<string> LastNumberAsync(string connectionString) =>
        Assert.Single(await SqlReader.ReadColumnAsync(connectionString, "select last_number::text from billing_invoice_numbers"));
}

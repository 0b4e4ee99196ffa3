using System.Diagnostics;
using System.Globalization;
using Billing.Grains.Invoicing;
using Billing.IntegrationTests.Infrastructure;
using Billing.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Billing.IntegrationTests.Invoicing;

/// <summary>Prints how long a month close's worth of issuing takes; asserts correctness only, never time.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresInvoiceStoreThroughputTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Invoices = 10_000;
    private const int Callers = 500;

    [Fact]
    public async Task IssueAsync_TenThousandDraftsFromFiveHundredCallers_NumbersOneToTenThousand()
    {
        var connectionString = await postgres.Server.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var store = new PostgresInvoiceStore(dataSource, NullLogger.Instance);
        var drafts = TestDrafts.Distinct(Invoices);
        var numbers = new long[Invoices];
        var next = -1;

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Invoices; i = Interlocked.Increment(ref next))
            {
                numbers[i] = (await store.IssueAsync(drafts[i], CancellationToken.None)).Number;
            }
        }))).WaitAsync(TimeSpan.FromMinutes(5));
        stopwatch.Stop();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Issued {Invoices} invoices from {Callers} concurrent callers in {stopwatch.ElapsedMilliseconds} ms ({Invoices / stopwatch.Elapsed.TotalSeconds:F0}/s)."));
        Assert.Equal(Enumerable.Range(1, Invoices).Select(n => (long)n), numbers.Order());
    }
}

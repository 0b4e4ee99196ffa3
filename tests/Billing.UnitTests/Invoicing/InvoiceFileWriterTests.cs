using System.Text;
using Billing.Grains.Invoicing;
using Billing.Usage;

namespace Billing.UnitTests.Invoicing;

public sealed class InvoiceFileWriterTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("billing-invoices-");

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public async Task WriteAsync_NewInvoice_WritesJsonAndTextUnderTheMonth()
    {
        var writer = new InvoiceFileWriter(Path.Combine(root.FullName, "invoices"), minorDigits: 2);

        await writer.WriteAsync(SampleInvoices.Emma, CancellationToken.None);

        var month = Path.Combine(root.FullName, "invoices", "2026-09");
        Assert.Equal(["Emma.json", "Emma.txt"], Directory.GetFiles(month).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(InvoiceJson.Write(SampleInvoices.Emma, 2), await File.ReadAllBytesAsync(Path.Combine(month, "Emma.json")));
        Assert.Equal("2026-09\tEmma\t EUR 15.57\n"u8.ToArray(), await File.ReadAllBytesAsync(Path.Combine(month, "Emma.txt")));
    }

    [Fact]
    public async Task WriteAsync_SameInvoiceAgain_LeavesTheSameFilesAndNoTemporaryOnes()
    {
        var writer = new InvoiceFileWriter(root.FullName, minorDigits: 2);
        await writer.WriteAsync(SampleInvoices.Emma, CancellationToken.None);
        var before = await ReadAllAsync();

        await writer.WriteAsync(SampleInvoices.Emma, CancellationToken.None);
        await writer.WriteAsync(SampleInvoices.Emma, CancellationToken.None);

        Assert.Equal(before, await ReadAllAsync());
        Assert.Equal(2, before.Count);
    }

    [Fact]
    public async Task WriteAsync_HostileCustomerIds_StayInsideTheMonthFolderWithDistinctFiles()
    {
        var writer = new InvoiceFileWriter(root.FullName, minorDigits: 2);
        string[] customers = ["../escape", "a/b", "a%2Fb", "a_b", "/abs\\path", ".", new string('€', 200)];

        foreach (var customer in customers)
        {
            await writer.WriteAsync(SampleInvoices.WithCustomer(customer), CancellationToken.None);
        }

        var files = Directory.GetFiles(root.FullName, "*", SearchOption.AllDirectories);
        Assert.Equal(customers.Length * 2, files.Length);
        Assert.All(files, file => Assert.Equal(Path.Combine(root.FullName, "2026-09"), Path.GetDirectoryName(file)));
        foreach (var customer in customers)
        {
            var text = await File.ReadAllTextAsync(writer.TextPath(SampleInvoices.WithCustomer(customer)), Encoding.UTF8);
            Assert.Equal($"2026-09\t{customer}\t EUR 15.57\n", text);
        }
    }

    [Fact]
    public async Task WriteAsync_TwoMonths_WritesEachUnderItsOwnFolder()
    {
        var writer = new InvoiceFileWriter(root.FullName, minorDigits: 2);

        await writer.WriteAsync(SampleInvoices.Emma, CancellationToken.None);
        await writer.WriteAsync(SampleInvoices.Emma with { Number = 18, Month = new BillingMonth(2026, 10) }, CancellationToken.None);

        Assert.Equal(["2026-09", "2026-10"], Directory.GetDirectories(root.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private async Task<Dictionary<string, string>> ReadAllAsync()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(root.FullName, "*", SearchOption.AllDirectories))
        {
            files.Add(Path.GetRelativePath(root.FullName, file), await File.ReadAllTextAsync(file));
        }

        return files;
    }
}

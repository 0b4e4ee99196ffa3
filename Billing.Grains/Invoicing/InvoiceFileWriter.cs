using System.Text;
using Billing.Invoices;

namespace Billing.Grains.Invoicing;

/// <summary>
/// Writes an invoice's files: <c>&lt;directory&gt;/yyyy-MM/&lt;name&gt;.json</c> (<see cref="InvoiceJson"/>) and
/// <c>.txt</c> (<see cref="InvoiceText"/>), named by <see cref="InvoiceFileName"/>.
/// </summary>
/// <remarks>
/// Each file is written to a temporary file in the same folder, flushed (to the operating system, not forced
/// to disk: see <c>WriteAtomicallyAsync</c>), then renamed over the final name, so a reader sees the old file
/// or the new one, never a part. Invoices are immutable, so
/// writing one again writes the same bytes: retries are harmless.
/// </remarks>
public sealed class InvoiceFileWriter
{
    private readonly string directory;
    private readonly int minorDigits;

    /// <summary>Creates a writer into <paramref name="directory"/> (created when needed).</summary>
    /// <param name="directory">The invoice folder, <c>Billing:InvoiceDirectory</c>.</param>
    /// <param name="minorDigits">The billing currency's minor digits (2 for EUR).</param>
    public InvoiceFileWriter(string directory, int minorDigits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(minorDigits);
        this.directory = Path.GetFullPath(directory);
        this.minorDigits = minorDigits;
    }

    /// <summary>The path of <paramref name="invoice"/>'s JSON file.</summary>
    public string JsonPath(Invoice invoice) => PathOf(invoice, ".json");

    /// <summary>The path of <paramref name="invoice"/>'s text file.</summary>
    public string TextPath(Invoice invoice) => PathOf(invoice, ".txt");

    /// <summary>Writes (or rewrites) both files of <paramref name="invoice"/>.</summary>
    public async Task WriteAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        Directory.CreateDirectory(Path.Combine(directory, invoice.Month.ToString()));
        await WriteAtomicallyAsync(JsonPath(invoice), InvoiceJson.Write(invoice, minorDigits), cancellationToken);
        await WriteAtomicallyAsync(TextPath(invoice), Encoding.UTF8.GetBytes(InvoiceText.Line(invoice, minorDigits)), cancellationToken);
    }

    private string PathOf(Invoice invoice, string extension)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Path.Combine(directory, invoice.Month.ToString(), InvoiceFileName.For(invoice.Customer) + extension);
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                await stream.WriteAsync(content, cancellationToken);
                // No fsync (Flush(true)): measured on a 2-core ext4 box, it took writing 10,000 invoices (20,000
                // files) from about 1-2 s to 10-18 s one at a time, and 5-7 s with 16 in parallel. The files are
                // copies of invoices the store keeps durably, so a machine crash can at worst leave a file missing or
                // empty (and a *.tmp behind), which rewriting the invoice repairs; readers never see a partial file.
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

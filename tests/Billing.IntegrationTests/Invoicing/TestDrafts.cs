using System.Globalization;
using Billing.Events;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.IntegrationTests.Invoicing;

/// <summary>Invoice drafts for the store tests, and an exact comparison of invoices (records compare lists by reference).</summary>
internal static class TestDrafts
{
    public static readonly BillingMonth September = new(2026, 9);

    public static readonly DateTimeOffset IssuedAt = new(2026, 10, 4, 12, 0, 0, TimeSpan.Zero);

    public static InvoiceDraft For(string customer, BillingMonth? month = null, decimal amount = 12.00m) => new(
        customer,
        month ?? September,
        "EUR",
        [new InvoiceLine(EventType.Call, 3, amount)],
        [],
        IssuedAt);

    /// <summary><paramref name="count"/> drafts of distinct customers, <c>customer-00000</c> onwards.</summary>
    public static InvoiceDraft[] Distinct(int count) =>
        [.. Enumerable.Range(0, count).Select(i => For(string.Create(CultureInfo.InvariantCulture, $"customer-{i:D5}")))];

    public static void AssertSame(Invoice expected, Invoice? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.Customer, actual.Customer);
        Assert.Equal(expected.Month, actual.Month);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.IssuedAt, actual.IssuedAt);
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.Adjustments, actual.Adjustments);
        // Equal decimals may differ in scale ("12.5" and "12.50"); the store keeps the scale too.
        Assert.Equal(AmountTexts(expected), AmountTexts(actual));
    }

    private static string[] AmountTexts(Invoice invoice) =>
    [
        .. invoice.Lines.Select(line => line.Amount.ToString(CultureInfo.InvariantCulture)),
        .. invoice.Adjustments.Select(adjustment => adjustment.Amount.ToString(CultureInfo.InvariantCulture)),
    ];
}

using System.Text;
using Billing.Events;
using Billing.Grains.Invoicing;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.UnitTests.Invoicing;

public sealed class InvoiceDocumentsTests
{
    [Fact]
    public void InvoiceJson_ContractExample_WritesExactBytes()
    {
        var json = Encoding.UTF8.GetString(InvoiceJson.Write(SampleInvoices.Emma, minorDigits: 2));

        Assert.Equal(
            """{"number":17,"customer":"Emma","month":"2026-09","currency":"EUR","lines":[{"type":"CALL","count":3,"amount":"12.00"}],"adjustments":[{"month":"2026-08","count":1,"amount":"3.57"}],"total":"15.57","issuedAt":"2026-10-04T12:00:00.000Z"}""",
            json);
    }

    [Fact]
    public void InvoiceJson_NoLinesUnicodeCustomerOffsetTime_KeepsLettersReadableAndWritesUtc()
    {
        var invoice = SampleInvoices.WithCustomer("Émma \"ü\" 💶") with
        {
            Lines = [],
            Adjustments = [],
            IssuedAt = new DateTimeOffset(2026, 10, 4, 14, 0, 0, 7, TimeSpan.FromHours(2)).AddTicks(9_999),
        };

        var json = Encoding.UTF8.GetString(InvoiceJson.Write(invoice, minorDigits: 2));

        // Characters outside the basic plane (the emoji) are escaped as surrogate pairs by System.Text.Json.
        Assert.Equal(
            """{"number":17,"customer":"Émma \"ü\" \uD83D\uDCB6","month":"2026-09","currency":"EUR","lines":[],"adjustments":[],"total":"0.00","issuedAt":"2026-10-04T12:00:00.007Z"}""",
            json);
    }

    [Fact]
    public void InvoiceJson_AmountWithMoreDecimalsThanTheCurrency_Throws()
    {
        var invoice = SampleInvoices.Emma with { Lines = [new InvoiceLine(EventType.Call, 1, 0.001m)] };

        Assert.Throws<ArgumentException>(() => InvoiceJson.Write(invoice, minorDigits: 2));
    }

    [Fact]
    public void InvoiceText_ContractExample_WritesThePrototypesLine()
    {
        Assert.Equal("2026-09\tEmma\t EUR 15.57\n", InvoiceText.Line(SampleInvoices.Emma, minorDigits: 2));
    }

    [Fact]
    public void InvoiceText_WholeAmount_WritesTheMinorDigits()
    {
        var invoice = SampleInvoices.Emma with { Lines = [new InvoiceLine(EventType.Data, 1, 100m)], Adjustments = [] };

        Assert.Equal("2026-09\tEmma\t EUR 100.00\n", InvoiceText.Line(invoice, minorDigits: 2));
    }

    [Fact]
    public void InvoiceCsv_ContractExample_WritesHeaderUsageAdjustmentAndTotalRows()
    {
        var invoice = SampleInvoices.Emma with
        {
            Lines = [new InvoiceLine(EventType.Message, 2, 0.20m), new InvoiceLine(EventType.Call, 3, 12.00m)],
        };

        Assert.Equal(
            "invoice,customer,month,currency,kind,type,adjusted_month,count,amount\r\n" +
            "17,Emma,2026-09,EUR,usage,MESSAGE,,2,0.20\r\n" +
            "17,Emma,2026-09,EUR,usage,CALL,,3,12.00\r\n" +
            "17,Emma,2026-09,EUR,adjustment,,2026-08,1,3.57\r\n" +
            "17,Emma,2026-09,EUR,total,,,6,15.77\r\n",
            InvoiceCsv.Write(invoice, minorDigits: 2));
    }

    [Theory]
    [InlineData("Smith, John", "\"Smith, John\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("Émma/ü", "Émma/ü")]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("a=1", "a=1")]
    public void InvoiceCsv_CustomerNeedingQuotesOrStartingLikeAFormula_IsWrittenAsText(string customer, string field)
    {
        var invoice = SampleInvoices.WithCustomer(customer) with { Adjustments = [] };

        Assert.Equal(
            "invoice,customer,month,currency,kind,type,adjusted_month,count,amount\r\n" +
            $"17,{field},2026-09,EUR,usage,CALL,,3,12.00\r\n" +
            $"17,{field},2026-09,EUR,total,,,3,12.00\r\n",
            InvoiceCsv.Write(invoice, minorDigits: 2));
    }

    [Fact]
    public void InvoiceCsv_ManyAdjustments_TotalCountsEverything()
    {
        var invoice = SampleInvoices.Emma with
        {
            Adjustments = [new InvoiceAdjustment(new BillingMonth(2026, 7), 4, 1.00m), new InvoiceAdjustment(new BillingMonth(2026, 8), 5, 2.00m)],
        };

        var rows = InvoiceCsv.Write(invoice, minorDigits: 2).Split("\r\n");

        Assert.Equal("17,Emma,2026-09,EUR,total,,,12,15.00", rows[^2]);
        Assert.Equal(string.Empty, rows[^1]);
    }
}

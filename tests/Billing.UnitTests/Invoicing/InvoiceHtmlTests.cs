using Billing.Web.Invoices;

namespace Billing.UnitTests.Invoicing;

public sealed class InvoiceHtmlTests
{
    [Fact]
    public void Render_ContractExample_IsACompletePageWithEveryFigure()
    {
        var html = InvoiceHtml.Render(SampleInvoices.Emma, minorDigits: 2);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("<title>Invoice 17 · Emma · 2026-09</title>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Issued</dt><dd>2026-10-04T12:00:00.000Z</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>CALL</td><td>2026-09</td><td class=\"number\">3</td><td class=\"number\">12.00</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Late usage</td><td>2026-08</td><td class=\"number\">1</td><td class=\"number\">3.57</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<td colspan=\"3\">Total</td><td class=\"number\">EUR 15.57</td>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CustomerWithMarkup_IsEncodedEverywhere()
    {
        var html = InvoiceHtml.Render(SampleInvoices.WithCustomer("<script>alert('x')</script>&\""), minorDigits: 2);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;", html, StringComparison.Ordinal);
    }
}

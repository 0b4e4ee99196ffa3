using Billing.Events;
using Billing.Grains.Invoicing;
using Billing.Invoices;

namespace Billing.Web.Api;

/// <summary>
/// An issued invoice in the invoice list, with the fields and formats of its JSON document
/// (<see cref="InvoiceJson"/>, which the single-invoice route answers as it is): <see cref="IssuedAt"/> is
/// <see cref="InvoiceJson.IssuedAtText"/>, UTC with milliseconds.
/// </summary>
public sealed record InvoiceResponse(
    long Number,
    string Customer,
    string Month,
    string Currency,
    IReadOnlyList<InvoiceLineResponse> Lines,
    IReadOnlyList<AdjustmentResponse> Adjustments,
    string Total,
    string IssuedAt)
{
    public static InvoiceResponse From(Invoice invoice) => new(
        invoice.Number,
        invoice.Customer,
        invoice.Month.ToString(),
        invoice.Currency,
        [.. invoice.Lines.Select(line => new InvoiceLineResponse(line.Type.WireName(), line.Count, Amounts.Format(line.Amount)))],
        [.. invoice.Adjustments.Select(AdjustmentResponse.From)],
        Amounts.Format(invoice.Total),
        InvoiceJson.IssuedAtText(invoice));
}

/// <summary>One event type's usage on an invoice.</summary>
public sealed record InvoiceLineResponse(string Type, int Count, string Amount);

/// <summary>Late usage of an earlier month: carried on an invoice, or waiting for the next one.</summary>
public sealed record AdjustmentResponse(string Month, int Count, string Amount)
{
    public static AdjustmentResponse From(InvoiceAdjustment adjustment) =>
        new(adjustment.Month.ToString(), adjustment.Count, Amounts.Format(adjustment.Amount));
}

/// <summary><c>GET /api/customers/{customer}/invoices</c>: newest month first.</summary>
public sealed record InvoiceListResponse(string Customer, IReadOnlyList<InvoiceResponse> Invoices);

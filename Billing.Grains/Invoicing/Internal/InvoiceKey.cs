using Billing.Usage;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>What makes an invoice unique: its customer and month.</summary>
internal readonly record struct InvoiceKey(string Customer, BillingMonth Month);

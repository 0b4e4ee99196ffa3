namespace Billing.Generator;

/// <summary>A generated customer and the exact amount its events add up to in every calendar month.</summary>
/// <param name="Name">The customer id, used as the record key.</param>
/// <param name="MonthlyTotal">The monthly total in EUR, with 2 decimals.</param>
public sealed record GeneratorCustomer(string Name, decimal MonthlyTotal);

namespace Billing.Generator;

/// <summary>The prototype's nine customers with their fixed monthly totals: 900.00 EUR a month in all.</summary>
public static class GeneratorCustomers
{
    /// <summary>Every customer, in the prototype's order.</summary>
    public static IReadOnlyList<GeneratorCustomer> All { get; } =
    [
        new("Emma", 100.00m),
        new("Olivia", 80.00m),
        new("Sophia", 120.00m),
        new("Ava", 60.00m),
        new("Isa", 20.00m),
        new("Noah", 200.00m),
        new("William", 250.00m),
        new("Liam", 30.00m),
        new("Jacob", 40.00m),
    ];

    /// <summary>The sum of every customer's monthly total: 900.00.</summary>
    public static decimal MonthlyTotal { get; } = All.Sum(c => c.MonthlyTotal);
}

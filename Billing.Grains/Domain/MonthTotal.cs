namespace Billing.Grains.Domain;

/// <summary>Count and total of one month.</summary>
[GenerateSerializer]
[Alias("billing.month-total")]
public sealed class MonthTotal
{
    [Id(0)]
    public int Count { get; private set; }

    [Id(1)]
    public decimal Total { get; private set; }

    public void Add(decimal amount) => Add(1, amount);

    public void Add(int count, decimal amount)
    {
        Count += count;
        Total += amount;
    }
}

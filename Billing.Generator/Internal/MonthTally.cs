namespace Billing.Generator.Internal;

/// <summary>What has been sent of one month, for its summary line.</summary>
internal sealed class MonthTally
{
    public int Events { get; private set; }

    public decimal Total { get; private set; }

    public void Add(decimal amount)
    {
        Events++;
        Total += amount;
    }
}

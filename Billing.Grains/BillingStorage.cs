namespace Billing.Grains;

/// <summary>The grain storage every billing grain keeps its state in.</summary>
public static class BillingStorage
{
    public const string Name = "billing";
}

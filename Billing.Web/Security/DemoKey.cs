namespace Billing.Web.Security;

/// <summary>A key made at start in embedded mode, for trying the system out: for one customer, or the admin key.</summary>
/// <param name="Customer">The customer it reads as, or null for the admin key.</param>
/// <param name="Key">The key itself (only ever shown in embedded mode).</param>
public sealed record DemoKey(string? Customer, string Key)
{
    public string Label => Customer ?? "admin";
}

namespace Billing.Web.Api;

/// <summary>The prototype's answer for <c>GET /customers/{customer}</c>: <c>{"customer","month","totalEur"}</c>.</summary>
public sealed record PrototypeCustomerResponse(string Customer, string Month, string TotalEur);

/// <summary>The prototype's answer for <c>GET /types/{type}</c>: <c>{"type","month","totalEur"}</c>.</summary>
public sealed record PrototypeTypeResponse(string Type, string Month, string TotalEur);

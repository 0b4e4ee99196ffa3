using Billing.Generator;
using Billing.Grains.Hosting;

namespace Billing.Web.Security;

/// <summary>
/// Embedded mode only: a fresh random key for each generated customer and one admin key, made at every
/// start (nothing is durable in that mode), printed on the console and offered on the sign-in page, labelled
/// as demo keys. In any other mode there are none.
/// </summary>
public sealed class DemoKeys(IReadOnlyList<DemoKey> keys)
{
    public static DemoKeys None { get; } = new([]);

    public IReadOnlyList<DemoKey> All { get; } = keys;

    public DemoKey? Admin => All.FirstOrDefault(key => key.Customer is null);

    public DemoKey? For(string customer) => All.FirstOrDefault(key => key.Customer == customer);

    public static DemoKeys Make() =>
        new([.. GeneratorCustomers.All.Select(customer => new DemoKey(customer.Name, NewKey())), new DemoKey(null, NewKey())]);

    /// <summary>As configuration would hold them: hashes only.</summary>
    public IEnumerable<ApiKeyEntry> Entries() =>
        All.Select(key => key.Customer is { } customer
            ? new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(key.Key), Customer = customer }
            : new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(key.Key), Role = BillingClaims.AdminRole });

    /// <summary>A new key: 32 random bytes, URL-safe base64, prefixed so it is recognizable in a secret scanner.</summary>
    public static string NewKey() => ApiKeyMaterial.NewKey();
}

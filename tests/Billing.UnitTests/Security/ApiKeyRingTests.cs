using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Billing.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Billing.UnitTests.Security;

public sealed class ApiKeyRingTests
{
    private const string EmmaKey = "qb_emma-key";
    private const string AdminKey = "qb_admin-key";

    private static readonly ApiKeyRing Ring = new(
    [
        new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Customer = "Emma" },
        new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.AdminRole },
    ]);

    [Fact]
    public void CustomerKey_SignsInAsThatCustomerAndNotAsAdmin()
    {
        var identity = Ring.Authenticate(EmmaKey, "ApiKey");

        Assert.NotNull(identity);
        Assert.True(identity.IsAuthenticated);
        Assert.Equal("ApiKey", identity.AuthenticationType);
        Assert.Equal("Emma", identity.Name);
        Assert.Equal("Emma", identity.FindFirst(BillingClaims.Customer)?.Value);
        Assert.Empty(identity.FindAll(ClaimTypes.Role));
        var user = new ClaimsPrincipal(identity);
        Assert.False(CustomerAccess.IsAdmin(user));
        Assert.Equal("Emma", CustomerAccess.CustomerOf(user));
    }

    [Fact]
    public void AdminKey_SignsInAsAdminWithoutACustomer()
    {
        var identity = Ring.Authenticate(AdminKey, "ApiKey");

        Assert.NotNull(identity);
        Assert.True(identity.IsAuthenticated);
        Assert.Equal(BillingClaims.AdminRole, Assert.Single(identity.FindAll(ClaimTypes.Role)).Value);
        Assert.Null(identity.FindFirst(BillingClaims.Customer));
        Assert.True(new ClaimsPrincipal(identity).IsInRole(BillingClaims.AdminRole));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AdminKeyWithAnEmptyCustomer_SignsInAsAdmin(string customer)
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Customer = customer, Role = BillingClaims.AdminRole }]);

        var identity = ring.Authenticate(AdminKey, "ApiKey");

        Assert.NotNull(identity);
        Assert.True(new ClaimsPrincipal(identity).IsInRole(BillingClaims.AdminRole));
        Assert.Null(identity.FindFirst(BillingClaims.Customer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("qb_emma-keY")]
    [InlineData("qb_emma-key ")]
    [InlineData("qb_emma-ke")]
    [InlineData("Emma")]
    [InlineData("Admin")]
    public void WrongKey_IsNotAnIdentity(string key) => Assert.Null(Ring.Authenticate(key, "ApiKey"));

    [Fact]
    public void ConfiguredHashItself_IsNotAKey() => Assert.Null(Ring.Authenticate(ApiKeyRing.HashOf(EmmaKey), "ApiKey"));

    [Fact]
    public void HashOf_IsTheLowercaseHexSha256OfTheUtf8Key()
    {
        const string key = "qb_ключ-€";
        var hash = ApiKeyRing.HashOf(key);

        Assert.Equal(64, hash.Length);
        Assert.All(hash, c => Assert.True(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f', $"'{c}' is not lowercase hex"));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant(), hash);
        // The well-known SHA-256 of "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyRing.HashOf("abc"));
    }

    [Fact]
    public void UppercaseHexConfigured_StillMatchesTheKey()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey).ToUpperInvariant(), Customer = "Emma" }]);

        Assert.Equal("Emma", ring.Authenticate(EmmaKey, "ApiKey")?.FindFirst(BillingClaims.Customer)?.Value);
    }

    [Fact]
    public void From_ReadsTheConfiguredEntriesAndTheExtraOnes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Billing:ApiKeys:0:Sha256"] = ApiKeyRing.HashOf(EmmaKey),
            ["Billing:ApiKeys:0:Customer"] = "Emma",
        }).Build();

        var ring = ApiKeyRing.From(configuration, [new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.AdminRole }]);

        Assert.Equal(2, ring.Count);
        Assert.Equal("Emma", ring.Authenticate(EmmaKey, "ApiKey")?.Name);
        Assert.True(new ClaimsPrincipal(ring.Authenticate(AdminKey, "ApiKey")!).IsInRole(BillingClaims.AdminRole));
    }

    [Fact]
    public void From_BadEntryAtAGapInTheIndices_IsNamedByItsConfiguredKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Billing:ApiKeys:0:Sha256"] = ApiKeyRing.HashOf(EmmaKey),
            ["Billing:ApiKeys:0:Customer"] = "Emma",
            ["Billing:ApiKeys:10:Sha256"] = ApiKeyRing.HashOf(AdminKey),
            ["Billing:ApiKeys:10:Role"] = BillingClaims.AdminRole,
            ["Billing:ApiKeys:2:Sha256"] = "not-a-hash",
            ["Billing:ApiKeys:2:Customer"] = "Olivia",
        }).Build();

        var problem = Assert.Throws<InvalidOperationException>(() => ApiKeyRing.From(configuration));

        Assert.StartsWith("Billing:ApiKeys:2:Sha256 ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Billing:ApiKeys:1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_GapsInTheIndices_EveryKeyStillSignsIn()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Billing:ApiKeys:3:Sha256"] = ApiKeyRing.HashOf(EmmaKey),
            ["Billing:ApiKeys:3:Customer"] = "Emma",
            ["Billing:ApiKeys:10:Sha256"] = ApiKeyRing.HashOf(AdminKey),
            ["Billing:ApiKeys:10:Role"] = BillingClaims.AdminRole,
        }).Build();

        var ring = ApiKeyRing.From(configuration);

        Assert.Equal(2, ring.Count);
        Assert.Equal("Emma", ring.Authenticate(EmmaKey, "ApiKey")?.Name);
        Assert.True(new ClaimsPrincipal(ring.Authenticate(AdminKey, "ApiKey")!).IsInRole(BillingClaims.AdminRole));
    }

    [Fact]
    public void From_NothingConfigured_IsAnEmptyRing()
    {
        var ring = ApiKeyRing.From(new ConfigurationBuilder().Build());

        Assert.Equal(0, ring.Count);
        Assert.Null(ring.Authenticate(EmmaKey, "ApiKey"));
    }

    [Fact]
    public void BadEntry_StopsTheRingNamingItsKey()
    {
        var problem = Assert.Throws<InvalidOperationException>(() => new ApiKeyRing([new ApiKeyEntry { Sha256 = "not-a-hash", Customer = "Emma" }]));

        Assert.Contains("Billing:ApiKeys:0:Sha256", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoKeys_AreDistinctPrefixedAndConfiguredAsHashesOnly()
    {
        var demo = DemoKeys.Make();
        var entries = demo.Entries().ToList();

        Assert.Equal(Billing.Generator.GeneratorCustomers.All.Count + 1, demo.All.Count);
        Assert.Equal(demo.All.Count, demo.All.Select(k => k.Key).Distinct().Count());
        Assert.All(demo.All, k => Assert.StartsWith("qb_", k.Key, StringComparison.Ordinal));
        Assert.Null(demo.Admin!.Customer);
        Assert.Empty(ApiKeyEntriesValidator.Validate(entries));
        Assert.DoesNotContain(entries, e => demo.All.Any(k => e.Sha256.Contains(k.Key, StringComparison.Ordinal)));
        var ring = new ApiKeyRing(entries);
        Assert.Equal("Olivia", ring.Authenticate(demo.For("Olivia")!.Key, "ApiKey")?.FindFirst(BillingClaims.Customer)?.Value);
        Assert.True(new ClaimsPrincipal(ring.Authenticate(demo.Admin.Key, "ApiKey")!).IsInRole(BillingClaims.AdminRole));
    }

    [Fact]
    public void Authenticate_AnyKey_CarriesTheLowercaseHashOfTheKeyItSignedInWith()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey).ToUpperInvariant(), Customer = "Emma" }]);

        Assert.Equal(ApiKeyRing.HashOf(EmmaKey), ring.Authenticate(EmmaKey, "ApiKey")!.FindFirst(BillingClaims.KeyHash)?.Value);
    }

    [Fact]
    public void Replace_KeyRemoved_NoLongerSignsIn()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Customer = "Emma" }]);

        ring.Replace([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.AdminRole }]);

        Assert.Null(ring.Authenticate(EmmaKey, "ApiKey"));
        Assert.NotNull(ring.Authenticate(AdminKey, "ApiKey"));
        Assert.Equal(1, ring.Count);
    }

    [Fact]
    public void Replace_BadEntry_KeepsTheKeysItHad()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Customer = "Emma" }]);

        var problem = Assert.Throws<InvalidOperationException>(() => ring.Replace([new ApiKeyEntry { Sha256 = "not a hash", Customer = "Emma" }]));

        Assert.Contains("Billing:ApiKeys:0:Sha256", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(ring.Authenticate(EmmaKey, "ApiKey"));
    }

    [Theory]
    [InlineData("Emma", true)]
    [InlineData("Olivia", false)]
    [InlineData(null, false)]
    public void StillGrants_ConfiguredKey_OnlyForTheCustomerItWasFor(string? customer, bool expected) =>
        Assert.Equal(expected, Ring.StillGrants(ApiKeyRing.HashOf(EmmaKey), customer));

    [Theory]
    [InlineData("")]
    [InlineData("not hex at all")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void StillGrants_UnknownOrMalformedHash_DoesNot(string hash) => Assert.False(Ring.StillGrants(hash, "Emma"));

    [Fact]
    public void IngestKey_SignsInWithTheIngestRoleAndNeitherACustomerNorAdmin()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Role = BillingClaims.IngestRole }]);

        var user = new ClaimsPrincipal(ring.Authenticate(EmmaKey, ApiKeyAuthenticationHandler.SchemeName)!);

        Assert.True(user.IsInRole(BillingClaims.IngestRole));
        Assert.False(CustomerAccess.IsAdmin(user));
        Assert.Null(CustomerAccess.CustomerOf(user));
        Assert.Null(user.FindFirst(BillingClaims.IngestCustomer));
        Assert.False(CustomerAccess.IsReader(user));
        Assert.False(CustomerAccess.MayRead(user, "Emma"));
        Assert.True(CustomerAccess.MayIngest(user));
        Assert.True(CustomerAccess.MayIngestFor(user, "Emma"));
        Assert.True(CustomerAccess.MayIngestFor(user, "Olivia"));
    }

    [Fact]
    public void IngestKeyForOneCustomer_SendsThatCustomersEventsOnlyAndReadsNothingOfIt()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Role = BillingClaims.IngestRole, Customer = "Emma" }]);

        var user = new ClaimsPrincipal(ring.Authenticate(EmmaKey, ApiKeyAuthenticationHandler.SchemeName)!);

        Assert.Equal("Emma", user.FindFirst(BillingClaims.IngestCustomer)?.Value);
        Assert.Null(CustomerAccess.CustomerOf(user));
        Assert.False(CustomerAccess.MayRead(user, "Emma"));
        Assert.True(CustomerAccess.MayIngestFor(user, "Emma"));
        Assert.False(CustomerAccess.MayIngestFor(user, "emma"));
        Assert.False(CustomerAccess.MayIngestFor(user, "Olivia"));
    }

    [Fact]
    public void IngestKey_AsACookieSession_MayNotIngest()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Role = BillingClaims.IngestRole }]);

        Assert.False(CustomerAccess.MayIngest(new ClaimsPrincipal(ring.Authenticate(EmmaKey, BillingSchemes.Cookie)!)));
        Assert.False(CustomerAccess.MayIngest(new ClaimsPrincipal(Ring.Authenticate(AdminKey, ApiKeyAuthenticationHandler.SchemeName)!)));
        Assert.False(CustomerAccess.MayIngest(new ClaimsPrincipal(Ring.Authenticate(EmmaKey, ApiKeyAuthenticationHandler.SchemeName)!)));
    }

    [Fact]
    public void StillGrants_AnIngestKeyGrantsNoSession()
    {
        var ring = new ApiKeyRing([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.IngestRole, Customer = "Emma" }]);

        Assert.False(ring.StillGrants(ApiKeyRing.HashOf(AdminKey), customer: null));
        Assert.False(ring.StillGrants(ApiKeyRing.HashOf(AdminKey), "Emma"));
        Assert.True(Ring.StillGrants(ApiKeyRing.HashOf(AdminKey), customer: null));
        Assert.True(Ring.StillGrants(ApiKeyRing.HashOf(EmmaKey), "Emma"));
    }
}

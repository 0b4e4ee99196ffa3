using Billing.Web.Security;

namespace Billing.UnitTests.Security;

public sealed class ApiKeyEntriesValidatorTests
{
    private static readonly string Hash = ApiKeyRing.HashOf("qb_one");
    private static readonly string OtherHash = ApiKeyRing.HashOf("qb_two");

    [Fact]
    public void GoodEntries_HaveNoProblems() =>
        Assert.Empty(ApiKeyEntriesValidator.Validate(
        [
            new ApiKeyEntry { Sha256 = Hash, Customer = "Emma" },
            new ApiKeyEntry { Sha256 = OtherHash.ToUpperInvariant(), Role = "Admin" },
            new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf("qb_three"), Role = "Ingest" },
            new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf("qb_four"), Role = "Ingest", Customer = "Emma" },
            new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf("qb_five"), Role = "Admin", Customer = "" },
        ]));

    [Fact]
    public void NoEntries_HaveNoProblems() => Assert.Empty(ApiKeyEntriesValidator.Validate([]));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("qb_this-is-the-key-itself-not-its-hash")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0")]
    [InlineData("ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData(" a7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void BadHash_IsNamedByItsKey(string sha256)
    {
        var problems = ApiKeyEntriesValidator.Validate(
        [
            new ApiKeyEntry { Sha256 = Hash, Customer = "Emma" },
            new ApiKeyEntry { Sha256 = sha256, Customer = "Olivia" },
        ]);

        Assert.StartsWith("Billing:ApiKeys:1:Sha256 ", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void SameHashTwice_EvenInAnotherCase_IsNamedAtItsSecondKey()
    {
        var problems = ApiKeyEntriesValidator.Validate(
        [
            new ApiKeyEntry { Sha256 = Hash, Customer = "Emma" },
            new ApiKeyEntry { Sha256 = OtherHash, Role = "Admin" },
            new ApiKeyEntry { Sha256 = Hash.ToUpperInvariant(), Role = "Admin" },
        ]);

        var problem = Assert.Single(problems);
        Assert.StartsWith("Billing:ApiKeys:2:Sha256 ", problem, StringComparison.Ordinal);
        Assert.Contains("twice", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("  ", null)]
    public void NeitherCustomerNorRole_IsNamedByItsKeyWithTheThreeKindsOfKey(string? customer, string? role)
    {
        var problems = ApiKeyEntriesValidator.Validate(
        [
            new ApiKeyEntry { Sha256 = Hash, Customer = "Emma" },
            new ApiKeyEntry { Sha256 = OtherHash, Customer = customer, Role = role },
        ]);

        var problem = Assert.Single(problems);
        Assert.StartsWith("Billing:ApiKeys:1 needs :Customer", problem, StringComparison.Ordinal);
        Assert.Contains(":Role=Admin", problem, StringComparison.Ordinal);
        Assert.Contains(":Role=Ingest", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminRoleWithACustomer_IsNamedByItsKeyAndSaysWhy()
    {
        var problem = Assert.Single(ApiKeyEntriesValidator.Validate([new ApiKeyEntry { Sha256 = Hash, Customer = "Emma", Role = "Admin" }]));

        Assert.StartsWith("Billing:ApiKeys:0 has both :Customer and :Role=Admin", problem, StringComparison.Ordinal);
        Assert.Contains("'Emma'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("ingest")]
    [InlineData("Administrator")]
    [InlineData("Customer")]
    public void RoleOtherThanAdminOrIngest_IsNamedByItsKey(string role)
    {
        var problem = Assert.Single(ApiKeyEntriesValidator.Validate([new ApiKeyEntry { Sha256 = Hash, Role = role }]));

        Assert.StartsWith("Billing:ApiKeys:0:Role must be Admin or Ingest", problem, StringComparison.Ordinal);
        Assert.Contains($"'{role}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestKeyForACustomerTheCodecRefuses_IsNamedByItsKey()
    {
        var problem = Assert.Single(ApiKeyEntriesValidator.Validate([new ApiKeyEntry { Sha256 = Hash, Customer = "a/b", Role = "Ingest" }]));

        Assert.StartsWith("Billing:ApiKeys:0:Customer 'a/b' contains '/'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBadEntries_EachNamedByItsOwnKey()
    {
        var problems = ApiKeyEntriesValidator.Validate(
        [
            new ApiKeyEntry { Sha256 = "x", Customer = "Emma" },
            new ApiKeyEntry { Sha256 = Hash, Customer = "Olivia" },
            new ApiKeyEntry { Sha256 = OtherHash, Role = "root" },
            new ApiKeyEntry { Sha256 = "", Customer = null, Role = null },
        ]);

        Assert.Equal(
            ["Billing:ApiKeys:0:Sha256", "Billing:ApiKeys:2:Role", "Billing:ApiKeys:3:Sha256", "Billing:ApiKeys:3"],
            problems.Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData("a/b", "contains '/'")]
    [InlineData("50%", "contains '%'")]
    [InlineData("..", "is a dot segment")]
    [InlineData(" Emma", "has leading or trailing white space")]
    public void CustomerTheCodecRefuses_IsNamedByItsKey(string customer, string reason)
    {
        var problem = Assert.Single(ApiKeyEntriesValidator.Validate([new ApiKeyEntry { Sha256 = Hash, Customer = customer }]));

        Assert.StartsWith($"Billing:ApiKeys:0:Customer '{customer}' {reason}", problem, StringComparison.Ordinal);
    }
}

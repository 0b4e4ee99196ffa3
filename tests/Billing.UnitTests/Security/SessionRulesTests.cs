using System.Security.Claims;
using Billing.Web.Security;
using Microsoft.AspNetCore.Authentication;

namespace Billing.UnitTests.Security;

public sealed class SessionRulesTests
{
    private const string EmmaKey = "qb_emma";
    private const string AdminKey = "qb_admin";
    private static readonly DateTimeOffset SignedInAt = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsKeyCheckDue_WithinAMinuteOfSignIn_IsNot()
    {
        var properties = new AuthenticationProperties { IssuedUtc = SignedInAt };

        Assert.False(SessionRules.IsKeyCheckDue(properties, SignedInAt.AddSeconds(59)));
        Assert.True(SessionRules.IsKeyCheckDue(properties, SignedInAt.AddMinutes(1)));
    }

    [Fact]
    public void IsKeyCheckDue_AfterACheck_CountsFromTheCheck()
    {
        var properties = new AuthenticationProperties { IssuedUtc = SignedInAt };
        SessionRules.KeyChecked(properties, SignedInAt.AddMinutes(5));

        Assert.False(SessionRules.IsKeyCheckDue(properties, SignedInAt.AddMinutes(5).AddSeconds(59)));
        Assert.True(SessionRules.IsKeyCheckDue(properties, SignedInAt.AddMinutes(6)));
    }

    [Fact]
    public void KeyStillGrants_KeyConfiguredForTheSameCustomer_Does()
    {
        var ring = Ring(new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Customer = "Emma" });

        Assert.True(SessionRules.KeyStillGrants(SignedIn(ring, EmmaKey), ring));
    }

    [Fact]
    public void KeyStillGrants_KeyRemoved_DoesNot()
    {
        var ring = Ring(new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Customer = "Emma" });
        var emma = SignedIn(ring, EmmaKey);

        ring.Replace([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.AdminRole }]);

        Assert.False(SessionRules.KeyStillGrants(emma, ring));
    }

    [Fact]
    public void KeyStillGrants_KeyNowForAnotherCustomer_DoesNot()
    {
        var ring = Ring(new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Customer = "Emma" });
        var emma = SignedIn(ring, EmmaKey);

        ring.Replace([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(EmmaKey), Customer = "Olivia" }]);

        Assert.False(SessionRules.KeyStillGrants(emma, ring));
    }

    [Fact]
    public void KeyStillGrants_AdminKeyNowACustomersKey_DoesNot()
    {
        var ring = Ring(new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.AdminRole });
        var admin = SignedIn(ring, AdminKey);

        ring.Replace([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Customer = "Emma" }]);

        Assert.False(SessionRules.KeyStillGrants(admin, ring));
    }

    [Fact]
    public void KeyStillGrants_AdminKeyNowAnIngestKey_DoesNot()
    {
        var ring = Ring(new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.AdminRole });
        var admin = SignedIn(ring, AdminKey);

        ring.Replace([new ApiKeyEntry { Sha256 = ApiKeyRing.HashOf(AdminKey), Role = BillingClaims.IngestRole }]);

        Assert.False(SessionRules.KeyStillGrants(admin, ring));
    }

    [Fact]
    public void KeyStillGrants_SignInWithoutAKey_HasNothingToCheck()
    {
        var oidc = new ClaimsPrincipal(new ClaimsIdentity([new Claim(BillingClaims.Customer, "Emma")], "oidc"));

        Assert.True(SessionRules.KeyStillGrants(oidc, Ring()));
    }

    private static ApiKeyRing Ring(params ApiKeyEntry[] entries) => new(entries);

    private static ClaimsPrincipal SignedIn(ApiKeyRing ring, string key) => new(ring.Authenticate(key, "Cookies")!);
}

using System.Security.Claims;
using Billing.Web.Security;

namespace Billing.UnitTests.Security;

public sealed class CustomerAccessTests
{
    private static readonly ClaimsPrincipal Emma = Principal(new Claim(BillingClaims.Customer, "Emma"));
    private static readonly ClaimsPrincipal Admin = Principal(new Claim(ClaimTypes.Role, BillingClaims.AdminRole));
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    [Fact]
    public void Customer_ReadsItselfOnly_CaseSensitively()
    {
        Assert.True(CustomerAccess.MayRead(Emma, "Emma"));
        Assert.False(CustomerAccess.MayRead(Emma, "Olivia"));
        Assert.False(CustomerAccess.MayRead(Emma, "emma"));
        Assert.False(CustomerAccess.MayRead(Emma, "Emma "));
        Assert.False(CustomerAccess.MayRead(Emma, ""));
        Assert.False(CustomerAccess.IsAdmin(Emma));
        Assert.Equal("Emma", CustomerAccess.CustomerOf(Emma));
    }

    [Fact]
    public void Admin_ReadsEveryCustomer()
    {
        Assert.True(CustomerAccess.MayRead(Admin, "Emma"));
        Assert.True(CustomerAccess.MayRead(Admin, "Nobody"));
        Assert.True(CustomerAccess.IsAdmin(Admin));
        Assert.Null(CustomerAccess.CustomerOf(Admin));
    }

    [Fact]
    public void Anonymous_ReadsNobody()
    {
        Assert.False(CustomerAccess.MayRead(Anonymous, "Emma"));
        Assert.False(CustomerAccess.MayRead(Anonymous, ""));
        Assert.False(CustomerAccess.IsAdmin(Anonymous));
        Assert.Null(CustomerAccess.CustomerOf(Anonymous));
    }

    [Fact]
    public void RoleNamedDifferently_IsNotAdmin()
    {
        var lowercase = Principal(new Claim(ClaimTypes.Role, "admin"), new Claim(BillingClaims.Customer, "Emma"));

        Assert.False(CustomerAccess.IsAdmin(lowercase));
        Assert.False(CustomerAccess.MayRead(lowercase, "Olivia"));
    }

    [Fact]
    public void NullPrincipal_Throws() => Assert.Throws<ArgumentNullException>(() => CustomerAccess.MayRead(null!, "Emma"));

    private static ClaimsPrincipal Principal(params Claim[] claims) =>
        new(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role));
}

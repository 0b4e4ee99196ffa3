using Billing.Web.Security;

namespace Billing.UnitTests.Security;

public sealed class SignInRedirectsTests
{
    private const string Home = "/billing/";

    [Theory]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/billing/?customer=Zo%C3%AB%20%26%20Co")]
    public void LocalOr_PathOnThisSite_IsHonoured(string returnUrl) => Assert.Equal(returnUrl, SignInRedirects.LocalOr(returnUrl, Home));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("admin")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\u00e9")]
    [InlineData("/?customer=Zoë")]
    [InlineData("/a b")]
    [InlineData("/a\tb")]
    [InlineData("/\u007f")]
    public void LocalOr_ElsewhereOrNotCarriableByARedirect_FallsBack(string? returnUrl) =>
        Assert.Equal(Home, SignInRedirects.LocalOr(returnUrl, Home));
}

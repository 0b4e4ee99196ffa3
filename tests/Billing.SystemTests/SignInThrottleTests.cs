using System.Net;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>Failed sign-ins from one address are limited; an app of its own, since the limit is per address.</summary>
public sealed class SignInThrottleTests
{
    [Fact]
    public async Task SignIn_WrongKeys_GenericMessageThen429()
    {
        await using var host = await WebAppHost.StartAsync();
        var browser = host.NewBrowser(followRedirects: false);

        for (var attempt = 1; attempt <= SignInThrottle.FailuresPerWindow; attempt++)
        {
            using var failed = await browser.PostSignInAsync("/signin", ("Form.Key", $"qb_wrong-{attempt}"));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            var page = await failed.Content.ReadAsStringAsync();
            Assert.Contains("Sign-in failed. Check the key and try again.", page, StringComparison.Ordinal);
            Assert.DoesNotContain($"qb_wrong-{attempt}", page, StringComparison.Ordinal);
            Assert.Null(browser.Cookie("billing.auth"));
        }

        // Even the right key now waits out the window.
        var emma = host.App.Services.GetRequiredService<DemoKeys>().For("Emma")!;
        using var limited = await browser.PostSignInAsync("/signin", ("Form.DemoKey", emma.Key));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many failed sign-ins", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Null(browser.Cookie("billing.auth"));
    }
}

using System.Net;
using Billing.Grains.EmbeddedKafka;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>
/// A sign-in cookie belongs to the deployment that issued it. As the probe ran it: an embedded demo instance
/// (which offers its admin key on /signin by design) and a second, non-demo instance started on the same machine
/// by the same OS user. The demo's admin cookie must not open the other.
/// </summary>
public sealed class DeploymentKeyRingTests
{
    [Fact]
    public async Task AdminCookieOfTheDemo_PresentedToAnotherDeploymentOnTheSameMachine_IsRefused()
    {
        await using var demo = await WebAppHost.StartAsync();
        using var kafka = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 1));
        await using var other = await WebAppHost.StartAsync($"--Kafka:BootstrapServers={kafka.BootstrapServers}");
        var admin = demo.App.Services.GetRequiredService<DemoKeys>().Admin!;
        var signedIn = demo.NewBrowser(followRedirects: false);
        using (await signedIn.PostSignInAsync("/signin", ("Form.DemoKey", admin.Key)))
        {
        }

        var cookie = signedIn.Cookie("billing.auth")!.Value;
        using var atHome = await Get(demo, cookie, "/api/status");
        using var status = await Get(other, cookie, "/api/status");
        using var adminView = await Get(other, cookie, "/admin");

        Assert.Equal(HttpStatusCode.OK, atHome.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, adminView.StatusCode);
        Assert.StartsWith("/signin", adminView.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>A fresh browser on <paramref name="host"/> presenting only <paramref name="cookie"/> as its sign-in cookie.</summary>
    private static async Task<HttpResponseMessage> Get(WebAppHost host, string cookie, string path)
    {
        var browser = host.NewBrowser(followRedirects: false);
        browser.Cookies.Add(host.Address, new Cookie("billing.auth", cookie));
        return await browser.Http.GetAsync(path);
    }
}

using System.Net;
using System.Net.WebSockets;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>One client holds at most <c>Web:MaxCircuitsPerClient</c> live circuits; more are refused with 429.</summary>
public sealed class CircuitLimitTests
{
    [Fact]
    public async Task Circuits_MoreThanTheLimitFromOneClient_AreRefusedUntilOneCloses()
    {
        await using var host = await WebAppHost.StartAsync("--Web:MaxCircuitsPerClient=2");
        var browser = host.NewBrowser(followRedirects: false);
        using (await browser.PostSignInAsync("/signin", ("Form.DemoKey", host.App.Services.GetRequiredService<DemoKeys>().For("Emma")!.Key)))
        {
        }

        var gate = host.App.Services.GetRequiredService<CircuitGate>();
        using var first = await BlazorCircuits.ConnectAsync(host.Address, browser);
        using var second = await BlazorCircuits.ConnectAsync(host.Address, browser);
        using var third = BlazorCircuits.NewSocket(browser.Cookies);
        await Assert.ThrowsAsync<WebSocketException>(() => BlazorCircuits.ConnectAsync(host.Address, browser, third));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.HttpStatusCode);

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "tab closed", CancellationToken.None);
        await BillingAppHost.WaitForAsync(() => Task.FromResult(gate.OpenFor("127.0.0.1")), open => open == 1, TimeSpan.FromSeconds(30), "the closed circuit to be released");
        using var fourth = await BlazorCircuits.ConnectAsync(host.Address, browser);

        Assert.Equal(WebSocketState.Open, second.State);
        Assert.Equal(WebSocketState.Open, fourth.State);
        Assert.Equal(2, gate.OpenFor("127.0.0.1"));
    }

    [Fact]
    public async Task Start_MaxCircuitsPerClientBelowOne_StopsNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => WebAppHost.StartAsync("--Web:MaxCircuitsPerClient=0"));

        Assert.Contains("Web:MaxCircuitsPerClient must be at least 1", error.Message, StringComparison.Ordinal);
    }
}

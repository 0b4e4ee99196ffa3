using System.Net;
using Billing.SystemTests.Infrastructure;

namespace Billing.SystemTests;

/// <summary><c>AllowedHosts</c>: loopback names by default; configured, exactly the names it lists.</summary>
public sealed class AllowedHostsTests
{
    [Fact]
    public async Task AllowedHosts_Configured_AnswersItsNamesAndRefusesLoopback()
    {
        await using var host = await WebAppHost.StartAsync("--AllowedHosts=billing.example");
        var browser = host.NewBrowser(followRedirects: false);
        using var named = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "billing.example" } };

        using var answered = await browser.Http.SendAsync(named);
        using var loopback = await browser.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal("http://billing.example/signin?ReturnUrl=%2F", answered.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
    }

    [Fact]
    public async Task AllowedHosts_Default_AnswersLoopbackNamesOnly()
    {
        await using var host = await WebAppHost.StartAsync();
        var browser = host.NewBrowser(followRedirects: false);

        var answers = new List<(string Name, HttpStatusCode Status)>();
        foreach (var name in (string[])["localhost", "127.0.0.1", "[::1]", "billing.example", "10.0.0.7"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { Host = $"{name}:{host.Address.Port}" } };
            using var response = await browser.Http.SendAsync(request);
            answers.Add((name, response.StatusCode));
        }

        Assert.Equal(
            [("localhost", HttpStatusCode.OK), ("127.0.0.1", HttpStatusCode.OK), ("[::1]", HttpStatusCode.OK),
             ("billing.example", HttpStatusCode.BadRequest), ("10.0.0.7", HttpStatusCode.BadRequest)],
            answers);
    }
}

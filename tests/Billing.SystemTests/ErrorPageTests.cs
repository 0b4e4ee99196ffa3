using System.Net;
using Billing.SystemTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests;

/// <summary>Outside Development an unhandled error answers a plain problem, without exception details, and keeps the security headers.</summary>
public sealed class ErrorPageTests
{
    private const string Secret = "internal detail that must not leak";

    [Fact]
    public async Task UnhandledError_Production_AnswersProblemWithoutStackTrace()
    {
        await using var host = await WebAppHost.StartAsync(
            builder => builder.Services.AddTransient<IStartupFilter, ThrowingPath>(),
            "--environment", "Production");

        using var response = await host.NewBrowser(followRedirects: false).Http.GetAsync(ThrowingPath.Path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowingPath), body, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    /// <summary>A path that fails, behind the app's own middleware (it runs when no endpoint matched).</summary>
    private sealed class ThrowingPath : IStartupFilter
    {
        public const string Path = "/test-only/throw";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == Path
                ? throw new InvalidOperationException(Secret)
                : Results.NotFound().ExecuteAsync(context));
        };
    }
}

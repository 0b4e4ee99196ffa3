using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.SystemTests.Infrastructure;

/// <summary>
/// Stands in for an OpenTelemetry collector: accepts OTLP over HTTP (<c>POST /v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>) on a free loopback port and keeps each request's protobuf body, for tests to look into.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> received;

    private OtlpReceiver(WebApplication app, ConcurrentQueue<(string Signal, byte[] Body)> received, Uri address)
    {
        this.app = app;
        this.received = received;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The bodies received for <paramref name="signal"/> (<c>traces</c>, <c>metrics</c>, <c>logs</c>).</summary>
    public IReadOnlyList<byte[]> Received(string signal) => [.. received.Where(r => r.Signal == signal).Select(r => r.Body)];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var received = new ConcurrentQueue<(string Signal, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((signal, body.ToArray()));
            // An empty Export…ServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OtlpReceiver(app, received, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

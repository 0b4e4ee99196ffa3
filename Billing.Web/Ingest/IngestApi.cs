using System.Globalization;
using Billing.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Billing.Web.Ingest;

/// <summary>
/// <c>POST /api/events</c>: events over HTTP, for producers that cannot speak Kafka. Thin: the body is read by
/// <see cref="IngestBatchReader"/>, the rate by <see cref="EventRateBudget"/>, and Kafka is written by
/// <see cref="IngestProducer"/>.
/// </summary>
public static class IngestApi
{
    public const string Route = "/api/events";

    public const string CloudEventMediaType = "application/cloudevents+json";

    public const string CloudEventBatchMediaType = "application/cloudevents-batch+json";

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, PostEventsAsync).RequireAuthorization(BillingClaims.IngestPolicy);
        return routes;
    }

    private static async Task<IResult> PostEventsAsync(
        HttpContext context, IngestBatchReader reader, EventRateBudget budget, IngestProducer producer, IOptions<IngestOptions> options)
    {
        if (FormatOf(context.Request.ContentType) is not { } format)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType,
                $"Send events as application/json (one event or an array), {CloudEventMediaType} or {CloudEventBatchMediaType}.");
        }

        var limit = options.Value.MaxRequestBytes;
        if (await ReadBodyAsync(context, limit) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The body is larger than {limit} bytes (Billing:Ingest:MaxRequestBytes); send smaller batches."));
        }

        var read = reader.Read(body, format);
        if (read.TooManyEvents)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"The batch holds more than {options.Value.MaxBatchSize} events (Billing:Ingest:MaxBatchSize); send smaller batches."));
        }

        if (!read.IsValid)
        {
            var detail = read.Count == 0
                ? "The body holds no event to produce; nothing was produced."
                : string.Create(CultureInfo.InvariantCulture, $"{read.Rejections.Count} of {read.Count} events are invalid; nothing was produced.");
            return Problem(StatusCodes.Status400BadRequest, detail, new Dictionary<string, object?> { ["errors"] = read.Rejections });
        }

        var foreign = read.Events.Select((e, index) => (e, index)).Where(x => !CustomerAccess.MayIngestFor(context.User, x.e.Customer)).ToList();
        if (foreign.Count > 0)
        {
            return Problem(StatusCodes.Status403Forbidden, "This key may send events of its own customer only; nothing was produced.",
                new Dictionary<string, object?> { ["indexes"] = foreign.Select(x => x.index).ToList() });
        }

        if (!budget.TryTake(read.Events.Count, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, string.Create(CultureInfo.InvariantCulture,
                $"This server accepts at most {budget.Capacity} events per second (Billing:Ingest:MaxEventsPerSecond); nothing was produced. Retry after {retryAfter.TotalSeconds:0.###} s."));
        }

        var outcome = await producer.ProduceAsync(read.Events, context.RequestAborted);
        return outcome.AllAccepted
            ? TypedResults.Accepted((string?)null, new IngestAcceptedResponse(outcome.Accepted))
            : Problem(StatusCodes.Status503ServiceUnavailable,
                $"{outcome.Problem} The accepted events are billed; send the others again with the same ids.",
                new Dictionary<string, object?> { ["accepted"] = outcome.Accepted, ["notAccepted"] = outcome.NotAccepted });
    }

    /// <summary>The format a content type names; null for any other (answered 415).</summary>
    public static IngestFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return null;
        }

        return mediaType.ToLowerInvariant() switch
        {
            "application/json" => IngestFormat.Json,
            CloudEventMediaType => IngestFormat.CloudEvent,
            CloudEventBatchMediaType => IngestFormat.CloudEventBatch,
            _ => null,
        };
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        // Kestrel refuses to read past this (its own 413) should a chunked body go on regardless.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int count;
            while ((count = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + count > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, count);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static IResult Problem(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, extensions: extensions);
}

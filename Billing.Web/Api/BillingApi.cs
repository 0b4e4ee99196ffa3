using Billing.Events;
using Billing.Grains;
using Billing.Grains.Streaming.Kafka;
using Billing.Web.Hosting;

namespace Billing.Web.Api;

/// <summary>The HTTP API: the prototype-compatible routes, usage and status. Grains are called directly.</summary>
public static class BillingApi
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/customers/{customer}", GetPrototypeCustomerAsync);
        routes.MapGet("/types/{type}", GetPrototypeTypeAsync);
        routes.MapGet("/api/customers/{customer}/usage", GetCustomerUsageAsync);
        routes.MapGet("/api/types/{type}/usage", GetTypeUsageAsync);
        routes.MapGet("/api/status", GetStatusAsync);
        return routes;
    }

    private static async Task<IResult> GetPrototypeCustomerAsync(string customer, IGrainFactory grains)
    {
        var usage = await grains.GetGrain<ICustomerGrain>(customer).GetUsageAsync();
        return usage?.Current is { } month
            ? TypedResults.Ok(new PrototypeCustomerResponse(customer, month.Month.ToString(), Amounts.Format(month.Total)))
            : NotFound($"No usage for customer '{customer}'.");
    }

    private static async Task<IResult> GetPrototypeTypeAsync(string type, IGrainFactory grains)
    {
        if (!EventTypes.TryParseIgnoringCase(type, out var eventType))
        {
            return NotFound($"Unknown event type '{type}'; types are {EventTypes.AllWireNames}.");
        }

        var usage = await grains.GetGrain<IEventTypeGrain>(eventType.Value.WireName()).GetUsageAsync();
        return usage?.Current is { } month
            ? TypedResults.Ok(new PrototypeTypeResponse(eventType.Value.WireName(), month.Month.ToString(), Amounts.Format(month.Total)))
            : NotFound($"No usage for type {eventType.Value.WireName()}.");
    }

    private static async Task<IResult> GetCustomerUsageAsync(string customer, IGrainFactory grains, BillingRuntimeInfo runtime)
    {
        var usage = await grains.GetGrain<ICustomerGrain>(customer).GetUsageAsync();
        return usage is null
            ? NotFound($"No usage for customer '{customer}'.")
            : TypedResults.Ok(CustomerUsageResponse.From(usage, runtime.Currency));
    }

    private static async Task<IResult> GetTypeUsageAsync(string type, IGrainFactory grains, BillingRuntimeInfo runtime)
    {
        if (!EventTypes.TryParseIgnoringCase(type, out var eventType))
        {
            return NotFound($"Unknown event type '{type}'; types are {EventTypes.AllWireNames}.");
        }

        var usage = await grains.GetGrain<IEventTypeGrain>(eventType.Value.WireName()).GetUsageAsync();
        return usage is null
            ? NotFound($"No usage for type {eventType.Value.WireName()}.")
            : TypedResults.Ok(EventTypeUsageResponse.From(usage, runtime.Currency));
    }

    private static async Task<IResult> GetStatusAsync(BillingRuntimeInfo runtime, KafkaTopicInspector inspector, CancellationToken cancellationToken)
    {
        var topic = await inspector.ReadAsync(cancellationToken);
        var partitions = topic.Partitions
            .Select(p => new PartitionStatusResponse(p.Partition, p.CommittedOffset, p.HighWatermark, p.Lag))
            .ToList();
        return TypedResults.Ok(new StatusResponse(
            runtime.ModeName,
            runtime.IsDurable,
            runtime.BootstrapServers,
            partitions,
            partitions.Sum(p => p.Lag),
            topic.DeadLetters));
    }

    private static IResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}

using System.Security.Claims;
using System.Text;
using Billing.Events;
using Billing.Grains;
using Billing.Grains.Invoicing;
using Billing.Grains.Streaming.Kafka;
using Billing.Invoices;
using Billing.Streams;
using Billing.Usage;
using Billing.Web.Admin;
using Billing.Web.Hosting;
using Billing.Web.Invoices;
using Billing.Web.Security;

namespace Billing.Web.Api;

/// <summary>The HTTP API: the prototype-compatible routes, usage, invoices, top customers and status. Grains are called directly.</summary>
public static class BillingApi
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder routes)
    {
        // A customer reads only its own usage and invoices (admins read all); the answer for another
        // customer is 403 whether or not that customer exists.
        var customers = routes.MapGroup("").RequireAuthorization().AddEndpointFilter(OnlyTheCustomerOrAdminAsync);
        customers.MapGet("/customers/{customer}", GetPrototypeCustomerAsync);
        customers.MapGet("/api/customers/{customer}/usage", GetCustomerUsageAsync);
        customers.MapGet("/api/customers/{customer}/invoices", ListInvoicesAsync);
        customers.MapGet("/api/customers/{customer}/invoices/{month}.html", GetInvoiceHtmlAsync);
        customers.MapGet("/api/customers/{customer}/invoices/{month}.csv", GetInvoiceCsvAsync);
        customers.MapGet("/api/customers/{customer}/invoices/{month}", GetInvoiceAsync);

        var admins = routes.MapGroup("").RequireAuthorization(BillingClaims.AdminPolicy);
        admins.MapGet("/types/{type}", GetPrototypeTypeAsync);
        admins.MapGet("/api/types/{type}/usage", GetTypeUsageAsync);
        admins.MapGet("/api/status", GetStatusAsync);
        admins.MapGet("/api/customers/top", GetTopCustomersAsync);
        admins.MapPost("/api/partitions/{partition:int}/skip", SkipStalledDeliveryAsync);
        admins.MapPost("/api/deadletters/replay", ReplayDeadLettersAsync);
        return routes;
    }

    private static async ValueTask<object?> OnlyTheCustomerOrAdminAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.GetRouteValue("customer") is string customer && !CustomerAccess.MayRead(context.HttpContext.User, customer)
            ? TypedResults.Problem("This key may not read this customer.", statusCode: StatusCodes.Status403Forbidden)
            : await next(context);

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

    private static async Task<IResult> ListInvoicesAsync(string customer, IGrainFactory grains)
    {
        var invoices = await grains.GetGrain<IInvoiceQueryGrain>(0).ListAsync(customer);
        return TypedResults.Ok(new InvoiceListResponse(customer, [.. invoices.Select(InvoiceResponse.From)]));
    }

    // The invoice's JSON document, byte for byte the .json file written for it.
    private static Task<IResult> GetInvoiceAsync(string customer, string month, IGrainFactory grains) =>
        WithInvoiceAsync(customer, month, grains, invoice => TypedResults.Bytes(InvoiceJson.Write(invoice, Amounts.MinorDigits), InvoiceJson.ContentType));

    private static Task<IResult> GetInvoiceHtmlAsync(string customer, string month, IGrainFactory grains) =>
        WithInvoiceAsync(customer, month, grains, invoice => TypedResults.Content(InvoiceHtml.Render(invoice, Amounts.MinorDigits), InvoiceHtml.ContentType));

    private static Task<IResult> GetInvoiceCsvAsync(string customer, string month, IGrainFactory grains) =>
        WithInvoiceAsync(customer, month, grains, invoice => TypedResults.File(
            Encoding.UTF8.GetBytes(InvoiceCsv.Write(invoice, Amounts.MinorDigits)),
            InvoiceCsv.ContentType,
            $"invoice-{invoice.Number}-{invoice.Month}.csv"));

    private static async Task<IResult> WithInvoiceAsync(string customer, string month, IGrainFactory grains, Func<Invoice, IResult> answer)
    {
        if (!BillingMonth.TryParse(month, out var billingMonth))
        {
            return TypedResults.Problem($"'{month}' is not a month; write it yyyy-MM, for example 2026-09.", statusCode: StatusCodes.Status400BadRequest);
        }

        var invoice = await grains.GetGrain<IInvoiceQueryGrain>(0).FindAsync(customer, billingMonth);
        return invoice is null ? NotFound($"No invoice for customer '{customer}' and {billingMonth}.") : answer(invoice);
    }

    private static async Task<IResult> GetTopCustomersAsync(string? month, string? count, IGrainFactory grains, BillingRuntimeInfo runtime)
    {
        if (!TopCustomersQuery.TryRead(month, count, out var query, out var problem))
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var standings = await grains.GetGrain<ICustomerLeaderboardGrain>(0).GetTopAsync(query.Month, query.Count);
        return TypedResults.Ok(TopCustomersResponse.From(standings, runtime.Currency));
    }

    /// <summary>
    /// An operator's decision to set aside a delivery that can never go through: its records go to the
    /// dead-letter topic and the partition moves on. The offset must be the stall's first offset as the status
    /// shows it, so that a delivery that recovered meanwhile, or a different one, is never skipped by mistake.
    /// </summary>
    private static async Task<IResult> SkipStalledDeliveryAsync(int partition, string? offset, IGrainFactory grains)
    {
        if (!long.TryParse(offset, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var firstOffset))
        {
            return TypedResults.Problem(
                "Name the stalled delivery's first offset, as /api/status shows it: ?offset=1234.", statusCode: StatusCodes.Status400BadRequest);
        }

        var order = new DeliverySkipOrder(partition, firstOffset);
        return await grains.GetGrain<IDeliveryStallsGrain>(0).OrderSkipAsync(order)
            ? TypedResults.Accepted((string?)null, new SkipOrderResponse(partition, firstOffset))
            : NotFound($"No delivery of partition {partition} starting at offset {firstOffset} is failing; see /api/status.");
    }

    /// <summary>
    /// Puts the dead letters of one reason back on the incoming topic, once what rejected them is fixed, and
    /// answers once the broker has them all (the same replay as <c>Billing.Silo deadletters replay --reason</c>).
    /// Replaying twice is safe: each record carries its origin, by which an event is counted once.
    /// </summary>
    private static async Task<IResult> ReplayDeadLettersAsync(
        string? reason, string? dryRun, KafkaDeadLetterReplayer replayer, ClaimsPrincipal user, ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return TypedResults.Problem(
                "Name the reason of the dead letters to replay, as /api/status shows it: ?reason=wrong-currency.", statusCode: StatusCodes.Status400BadRequest);
        }

        var dry = false;
        if (!string.IsNullOrEmpty(dryRun) && !bool.TryParse(dryRun, out dry))
        {
            return TypedResults.Problem($"dryRun is true or false, not '{dryRun}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var logger = loggers.CreateLogger(typeof(BillingApi).FullName!);
        var replay = await DeadLetterReplays.ReplayAsync(replayer, reason, dry, user, logger);
        return replay.Result is { Failed: 0 } result
            ? TypedResults.Ok(DeadLetterReplayResponse.From(reason, replayer.Topic, result))
            : TypedResults.Problem(replay.Problem, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> GetStatusAsync(PipelineStatusReader status, CancellationToken cancellationToken) =>
        TypedResults.Ok(await status.ReadAsync(cancellationToken));

    private static IResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}

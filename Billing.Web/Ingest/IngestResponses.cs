namespace Billing.Web.Ingest;

/// <summary>The 202 answer of <c>POST /api/events</c>: the ids Kafka acknowledged, in the request's order.</summary>
public sealed record IngestAcceptedResponse(IReadOnlyList<string> Accepted);

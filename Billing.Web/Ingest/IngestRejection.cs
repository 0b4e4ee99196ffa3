namespace Billing.Web.Ingest;

/// <summary>Why one event of a request was refused, as the 400 answer lists it.</summary>
/// <param name="Index">The event's position in the batch (0 for a single event); null when the body as a whole is unreadable.</param>
/// <param name="Id">The event's id, when it has a readable one.</param>
/// <param name="Code">The record codec's reason code, such as <c>unknown-type</c>.</param>
/// <param name="Detail">The codec's detail: the field and the offending value.</param>
public sealed record IngestRejection(int? Index, string? Id, string Code, string Detail);

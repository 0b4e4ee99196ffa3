using Billing.Web.Api;

namespace Billing.Web.Admin;

/// <summary>A pipeline status as the admin panels show it, and when it was read.</summary>
/// <param name="Status">The status, as <c>GET /api/status</c> answers it.</param>
/// <param name="ReadAt">When the read of it finished.</param>
public sealed record PipelineStatusSnapshot(StatusResponse Status, DateTimeOffset ReadAt);

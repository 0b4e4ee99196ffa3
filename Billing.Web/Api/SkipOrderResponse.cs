namespace Billing.Web.Api;

/// <summary>
/// <c>POST /api/partitions/{partition}/skip</c>: the order is taken; the silo reading the partition carries it
/// out at the delivery's next attempt (within its back-off), and the stall then leaves <c>/api/status</c>.
/// </summary>
public sealed record SkipOrderResponse(int Partition, long FirstOffset);

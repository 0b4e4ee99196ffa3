namespace Billing.Web.Api;

/// <summary><c>GET /api/status</c>: the mode, the broker and the pipeline's progress per partition.</summary>
public sealed record StatusResponse(
    string Mode,
    bool Durable,
    string BootstrapServers,
    IReadOnlyList<PartitionStatusResponse> Partitions,
    long TotalLag,
    long DeadLetters);

/// <summary>One partition of the incoming topic.</summary>
public sealed record PartitionStatusResponse(int Partition, long? CommittedOffset, long HighWatermark, long Lag);

namespace Billing.TestSupport;

/// <summary>How many dead letters the topic holds, and from how many distinct records (partition, offset).</summary>
public sealed record DeadLetterCount(int Total, int DistinctOrigins);

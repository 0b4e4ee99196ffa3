using Microsoft.Extensions.Logging;

namespace Billing.Grains.Deduplication;

/// <summary>Log messages of event-id de-duplication (event ids 3200–3299). Ids and amounts are never logged.</summary>
internal static partial class DeduplicationLog
{
    [LoggerMessage(3200, LogLevel.Warning, "Clearing {Pages} stored pages of event ids of {Grain}, past the de-duplication horizon, failed; they stay stored but unread")]
    public static partial void PagesNotCleared(ILogger logger, Exception exception, string grain, int pages);
}

using Microsoft.Extensions.Logging;

namespace Billing.Grains.Storage.Internal;

/// <summary>
/// Log messages of the schema migration, with stable event ids (5000–5099). They name versions only, never
/// the connection string: it can carry a password.
/// </summary>
internal static partial class BillingSchemaLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Applying billing schema version {Version} ({Description})")]
    public static partial void Applying(ILogger logger, int version, string description);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Applied billing schema version {Version} ({Description}) in {ElapsedMilliseconds} ms")]
    public static partial void Applied(ILogger logger, int version, string description, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "Billing schema is at version {Version}; {AppliedCount} scripts applied now")]
    public static partial void UpToDate(ILogger logger, int version, int appliedCount);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "Billing schema is at version {Version}, newer than the {LatestVersion} this build knows; a newer build migrated it")]
    public static partial void NewerThanKnown(ILogger logger, int version, int latestVersion);
}

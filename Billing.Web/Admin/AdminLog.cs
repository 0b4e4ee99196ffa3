namespace Billing.Web.Admin;

/// <summary>The admin view's log messages.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Refreshing the pipeline status on the admin view failed")]
    public static partial void StatusRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Reading the usage of event type {Type} for the admin view failed")]
    public static partial void TypeReadFailed(ILogger logger, Exception exception, string type);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Refreshing the top customers on the admin view failed")]
    public static partial void TopCustomersRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "{Admin} replayed dead letters of reason {Reason}: {Replayed} of {Selected} produced, {Failed} not acknowledged (dry run: {DryRun})")]
    public static partial void DeadLettersReplayed(ILogger logger, string admin, string reason, int selected, int replayed, int failed, bool dryRun);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "{Admin}'s replay of the dead letters of reason {Reason} failed")]
    public static partial void DeadLetterReplayFailed(ILogger logger, Exception exception, string admin, string reason);
}

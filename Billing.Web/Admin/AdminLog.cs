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
}

using Microsoft.Extensions.Logging;

namespace Billing.Grains.Customers;

/// <summary>Log messages of the customer directory and standings (event ids 3100–3199). Amounts are never logged.</summary>
internal static partial class CustomerLog
{
    [LoggerMessage(3100, LogLevel.Warning, "Telling the directory the open months of {Customer} failed; they are told again with the next batch or invoice")]
    public static partial void DirectoryReportFailed(ILogger logger, Exception exception, string customer);

    [LoggerMessage(3101, LogLevel.Warning, "Reporting this silo's customer standings to the leaderboard failed; trying again next interval")]
    public static partial void StandingsReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(3102, LogLevel.Information, "More than {MaxActiveCustomers} customers are active on this silo: the least recently used are deactivated from now on (Billing:MaxActiveCustomers)")]
    public static partial void ActivationBoundReached(ILogger logger, int maxActiveCustomers);
}

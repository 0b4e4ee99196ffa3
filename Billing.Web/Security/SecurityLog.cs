namespace Billing.Web.Security;

/// <summary>Log messages of sign-in and sessions (event ids 4200–4299). Keys, hashes and cookies are never logged.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(4200, LogLevel.Error, "The reloaded configuration's API keys are not usable; the keys configured before stay in force until it is fixed: {Problems}")]
    public static partial void ApiKeysNotReloaded(ILogger logger, string problems);

    [LoggerMessage(4201, LogLevel.Information, "API keys reloaded from configuration: {Count} keys")]
    public static partial void ApiKeysReloaded(ILogger logger, int count);

    [LoggerMessage(4202, LogLevel.Information, "A session ended: the API key it was signed in with is no longer configured for it")]
    public static partial void SessionKeyRemoved(ILogger logger);

    [LoggerMessage(4203, LogLevel.Warning, "Refused a circuit connection from {Client}: it already holds {Limit} (Web:MaxCircuitsPerClient)")]
    public static partial void CircuitLimitReached(ILogger logger, string client, int limit);
}

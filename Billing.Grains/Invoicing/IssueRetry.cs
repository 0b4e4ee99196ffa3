namespace Billing.Grains.Invoicing;

/// <summary>
/// Back-off between attempts to issue an invoice while a sink fails: 1 s, doubling, at most 1 min. Not
/// thread-safe: one per grain activation.
/// </summary>
public sealed class IssueRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempts { get; private set; }

    /// <summary>Whether a retry is scheduled: other triggers leave the issuing to it.</summary>
    public bool IsWaiting => Attempts > 0;

    /// <summary>Counts a failed attempt.</summary>
    /// <returns>How long to wait before the next one.</returns>
    public TimeSpan Failed()
    {
        Attempts++;
        var delay = FirstDelay * Math.Pow(2, Math.Min(Attempts - 1, 16));
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>Counts a success.</summary>
    /// <returns>How many attempts had failed before it, or null when none had.</returns>
    public int? Succeeded()
    {
        var failed = Attempts;
        Attempts = 0;
        return failed > 0 ? failed : null;
    }
}

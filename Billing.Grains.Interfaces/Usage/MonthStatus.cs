namespace Billing.Usage;

/// <summary>Where a month not yet invoiced is in its life (<see cref="MonthUsage.Status"/>).</summary>
public static class MonthStatus
{
    /// <summary>Events count toward the month.</summary>
    public const string Open = "open";

    /// <summary>The watermark has closed the month; its invoice is being issued. New events of it are late.</summary>
    public const string Closing = "closing";
}

namespace Billing.Web.Live;

/// <summary>How often a usage channel calls its grain.</summary>
internal static class FeedTiming
{
    /// <summary>How often a healthy subscription is renewed (grains forget observers after three minutes).</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    /// <summary>How often a channel that is down tries again.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
}

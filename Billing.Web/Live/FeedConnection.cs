namespace Billing.Web.Live;

/// <summary>How a page's live feed of a grain's usage stands.</summary>
public enum FeedConnection
{
    /// <summary>Not subscribed yet.</summary>
    Waiting,

    /// <summary>Subscribed to the grain: its pushes arrive.</summary>
    Live,

    /// <summary>Subscribing to or reading the grain failed (the cluster is unreachable); retrying.</summary>
    Down,
}

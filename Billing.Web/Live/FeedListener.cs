namespace Billing.Web.Live;

/// <summary>What a page is told about one grain's usage: each change of it, and each change of the connection.</summary>
/// <param name="OnUsage">Called with the usage each time it changes (and once after a lost connection is back).</param>
/// <param name="OnConnection">Called when the connection to the grain goes down or comes back.</param>
public sealed record FeedListener<TUsage>(Func<TUsage, Task> OnUsage, Func<FeedConnection, Task>? OnConnection = null);

using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>What a page is told about one customer: each change of its usage, and each change of the connection.</summary>
/// <param name="OnUsage">Called with the usage each time it changes (and once after a lost connection is back).</param>
/// <param name="OnConnection">Called when the connection to the customer's grain goes down or comes back.</param>
public sealed record CustomerFeedListener(Func<CustomerUsage, Task> OnUsage, Func<FeedConnection, Task>? OnConnection = null);

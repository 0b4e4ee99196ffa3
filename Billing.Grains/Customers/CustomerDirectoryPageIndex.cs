namespace Billing.Grains.Customers;

/// <summary>
/// Which pages of a directory shard have ever held a customer, so that an activation reads those and not
/// every page. It only grows, and is written before a page it names, so that no stored page goes unread.
/// </summary>
[GenerateSerializer]
[Alias("billing.customer-directory-page-index")]
public sealed class CustomerDirectoryPageIndex
{
    [Id(0)]
    public HashSet<int> Pages { get; init; } = [];
}

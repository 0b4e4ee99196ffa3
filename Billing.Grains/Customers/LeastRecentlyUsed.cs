namespace Billing.Grains.Customers;

/// <summary>
/// Keys in the order of their last use, at most <c>capacity</c> of them: adding one past the capacity removes
/// and hands back the least recently used. Not thread-safe: its owner locks.
/// </summary>
internal sealed class LeastRecentlyUsed<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> nodes = new(comparer);

    // Most recently used first.
    private readonly LinkedList<(TKey Key, TValue Value)> order = new();

    public int Count => nodes.Count;

    /// <summary>
    /// Makes <paramref name="key"/>, with <paramref name="value"/>, the most recently used (replacing the value it
    /// had); the values beyond the capacity, least recently used first, which are no longer held.
    /// </summary>
    public List<TValue> Add(TKey key, TValue value)
    {
        if (nodes.Remove(key, out var existing))
        {
            order.Remove(existing);
        }

        nodes[key] = order.AddFirst((key, value));
        var over = new List<TValue>();
        while (nodes.Count > capacity && order.Last is { } last)
        {
            order.RemoveLast();
            nodes.Remove(last.Value.Key);
            over.Add(last.Value.Value);
        }

        return over;
    }

    /// <summary>Makes <paramref name="key"/> the most recently used, if it is held.</summary>
    public void Touch(TKey key)
    {
        if (nodes.TryGetValue(key, out var node) && node != order.First)
        {
            order.Remove(node);
            order.AddFirst(node);
        }
    }

    /// <summary>Removes <paramref name="key"/> if it still holds <paramref name="value"/> (not a newer value of the same key).</summary>
    public bool Remove(TKey key, TValue value)
    {
        if (!nodes.TryGetValue(key, out var node) || !ReferenceEquals(node.Value.Value, value))
        {
            return false;
        }

        nodes.Remove(key);
        order.Remove(node);
        return true;
    }
}

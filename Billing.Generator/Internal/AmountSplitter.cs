namespace Billing.Generator.Internal;

/// <summary>Splits an amount of whole cents into positive parts that add up to it exactly.</summary>
internal static class AmountSplitter
{
    /// <summary>
    /// Splits <paramref name="totalCents"/> into <paramref name="parts"/> parts of at least one cent each.
    /// Cutting the range 1..total-1 at <paramref name="parts"/>-1 distinct random points gives every such split
    /// the same chance; working in integers means the parts can never drift from the total by rounding.
    /// </summary>
    public static long[] Split(long totalCents, int parts, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalCents, parts);
        var cuts = new HashSet<long>();
        var ordered = new long[parts + 1];
        var next = 1;
        while (cuts.Count < parts - 1)
        {
            var cut = random.NextInt64(1, totalCents);
            if (cuts.Add(cut))
            {
                ordered[next++] = cut;
            }
        }

        ordered[parts] = totalCents;
        Array.Sort(ordered, 1, parts - 1);
        var result = new long[parts];
        for (var i = 0; i < parts; i++)
        {
            result[i] = ordered[i + 1] - ordered[i];
        }

        return result;
    }
}

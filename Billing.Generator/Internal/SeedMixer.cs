namespace Billing.Generator.Internal;

/// <summary>
/// Derives independent, reproducible seeds from the run's seed, so each month can be generated on its own (and
/// lazily) without replaying the months before it. <see cref="HashCode"/> is no use here: it is randomized per
/// process.
/// </summary>
internal static class SeedMixer
{
    public static int Mix(int seed, int stream)
    {
        // SplitMix64's finalizer: every input bit affects every output bit.
        var x = ((ulong)(uint)seed << 32) | (uint)stream;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return unchecked((int)x);
    }
}

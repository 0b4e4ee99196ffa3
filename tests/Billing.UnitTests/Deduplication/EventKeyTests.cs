using Billing.Grains.Deduplication;

namespace Billing.UnitTests.Deduplication;

public sealed class EventKeyTests
{
    [Fact]
    public void Of_SameCustomerAndId_IsTheSameKey() =>
        Assert.Equal(EventKey.Of("Emma", "evt-1"), EventKey.Of("Emma", "evt-1"));

    [Fact]
    public void Of_TheBoundaryBetweenCustomerAndId_Matters() =>
        Assert.NotEqual(EventKey.Of("ab", "c"), EventKey.Of("a", "bc"));

    [Fact]
    public void Of_LongId_IsHashedWhole()
    {
        var prefix = new string('x', 2_000);

        Assert.NotEqual(EventKey.Of("Emma", prefix + "1"), EventKey.Of("Emma", prefix + "2"));
    }

    [Fact]
    public void Of_NonAsciiText_IsHashedAsUtf8() =>
        Assert.NotEqual(EventKey.Of("Zoë", "é"), EventKey.Of("Zoë", "e"));

    [Fact]
    public void Bytes_RoundTrip()
    {
        UInt128[] keys = [EventKey.Of("Emma", "a"), EventKey.Of("Emma", "b"), UInt128.MaxValue, UInt128.Zero];

        var bytes = EventKey.ToBytes(keys);

        Assert.Equal(keys.Length * EventKey.Size, bytes.Length);
        Assert.Equal(keys, EventKey.FromBytes(bytes));
    }
}

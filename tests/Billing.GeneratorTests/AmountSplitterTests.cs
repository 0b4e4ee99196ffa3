using Billing.Generator.Internal;

namespace Billing.GeneratorTests;

public sealed class AmountSplitterTests
{
    [Theory]
    [InlineData(2_000L, 160)]
    [InlineData(25_000L, 80)]
    [InlineData(1L, 1)]
    [InlineData(1_000L, 1)]
    public void Split_AnyTotal_PartsArePositiveAndAddUpExactly(long total, int parts)
    {
        var split = AmountSplitter.Split(total, parts, new Random(3));

        Assert.Equal(parts, split.Length);
        Assert.Equal(total, split.Sum());
        Assert.All(split, p => Assert.True(p >= 1));
    }

    [Fact]
    public void Split_AsManyPartsAsCents_GivesOneCentEach()
    {
        Assert.Equal(Enumerable.Repeat(1L, 100), AmountSplitter.Split(100, 100, new Random(3)));
    }

    [Fact]
    public void Split_MorePartsThanCents_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AmountSplitter.Split(99, 100, new Random(3)));
    }
}

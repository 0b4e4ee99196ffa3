using Billing.Grains.Customers;

namespace Billing.UnitTests.Customers;

public sealed class LeastRecentlyUsedTests
{
    [Fact]
    public void Add_WithinCapacity_HandsNothingBack()
    {
        var recent = new LeastRecentlyUsed<string, string>(3);

        Assert.Empty(recent.Add("a", "A"));
        Assert.Empty(recent.Add("b", "B"));
        Assert.Empty(recent.Add("c", "C"));
        Assert.Equal(3, recent.Count);
    }

    [Fact]
    public void Add_PastCapacity_HandsBackTheLeastRecentlyAdded()
    {
        var recent = new LeastRecentlyUsed<string, string>(2);
        recent.Add("a", "A");
        recent.Add("b", "B");

        Assert.Equal(["A"], recent.Add("c", "C"));
        Assert.Equal(2, recent.Count);
        Assert.False(recent.Remove("a", "A"));
    }

    [Fact]
    public void Touch_MakesAnOldKeyTheMostRecent_SoTheNextOldestGoes()
    {
        var recent = new LeastRecentlyUsed<string, string>(2);
        recent.Add("a", "A");
        recent.Add("b", "B");

        recent.Touch("a");

        Assert.Equal(["B"], recent.Add("c", "C"));
    }

    [Fact]
    public void Touch_UnknownKey_ChangesNothing()
    {
        var recent = new LeastRecentlyUsed<string, string>(2);
        recent.Add("a", "A");

        recent.Touch("x");

        Assert.Equal(1, recent.Count);
    }

    [Fact]
    public void Add_SameKeyAgain_ReplacesItsValueWithoutGrowing()
    {
        var recent = new LeastRecentlyUsed<string, string>(2);
        recent.Add("a", "A1");
        recent.Add("b", "B");

        Assert.Empty(recent.Add("a", "A2"));
        Assert.Equal(2, recent.Count);
        Assert.Equal(["B"], recent.Add("c", "C"));
    }

    [Fact]
    public void Remove_OlderValueOfAReplacedKey_KeepsTheNewerOne()
    {
        // An activation that deactivates after its customer activated again must not remove the new one.
        var recent = new LeastRecentlyUsed<string, string>(2);
        recent.Add("a", new string('1', 1));
        recent.Add("a", "A2");

        Assert.False(recent.Remove("a", new string('1', 1)));
        Assert.Equal(1, recent.Count);
        Assert.True(recent.Remove("a", "A2"));
        Assert.Equal(0, recent.Count);
    }

    [Fact]
    public void Add_FarPastCapacity_KeepsOnlyTheMostRecent()
    {
        var recent = new LeastRecentlyUsed<int, string>(100);
        var handedBack = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            handedBack.AddRange(recent.Add(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(100, recent.Count);
        Assert.Equal(900, handedBack.Count);
        Assert.Equal(Enumerable.Range(0, 900).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), handedBack);
    }
}

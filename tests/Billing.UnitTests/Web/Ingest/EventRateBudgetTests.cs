using Billing.Web.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Billing.UnitTests.Web.Ingest;

public sealed class EventRateBudgetTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void FullBucket_TakesOneSecondsWorthThenRefuses()
    {
        var budget = new EventRateBudget(1_000, time);

        Assert.True(budget.TryTake(600, out _));
        Assert.True(budget.TryTake(400, out var none));
        Assert.Equal(TimeSpan.Zero, none);
        Assert.False(budget.TryTake(1, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(1), retryAfter);
    }

    [Fact]
    public void RefusedBatch_TakesNothing_AndSaysWhenItWouldFit()
    {
        var budget = new EventRateBudget(1_000, time);
        Assert.True(budget.TryTake(900, out _));

        Assert.False(budget.TryTake(300, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(200), retryAfter);
        // Nothing of the refused batch was taken: the 100 left are still there.
        Assert.True(budget.TryTake(100, out _));
    }

    [Fact]
    public void Budget_RefillsAtTheRate_UpToOneSecondsWorth()
    {
        var budget = new EventRateBudget(1_000, time);
        Assert.True(budget.TryTake(1_000, out _));

        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(budget.TryTake(250, out _));
        Assert.False(budget.TryTake(1, out _));

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(budget.TryTake(1_000, out _));
        Assert.False(budget.TryTake(1, out _));
    }

    [Fact]
    public void SustainedLoad_AdmitsTheRateAndNoMore()
    {
        var budget = new EventRateBudget(10_000, time);
        var admitted = 0;
        // Ten seconds of batches of 100 every millisecond: ten times the rate.
        for (var ms = 0; ms < 10_000; ms++)
        {
            admitted += budget.TryTake(100, out _) ? 100 : 0;
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        // One full bucket at the start, then the rate.
        Assert.InRange(admitted, 100_000, 110_000);
    }

    [Fact]
    public void ConcurrentCallers_NeverTakeMoreThanTheBucket()
    {
        var budget = new EventRateBudget(5_000, time);
        var admitted = 0;

        Parallel.For(0, 1_000, attempt =>
        {
            if (budget.TryTake(7, out _))
            {
                Interlocked.Add(ref admitted, 7);
            }
        });

        Assert.Equal(5_000 / 7 * 7, admitted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public void Batch_OutsideOneToTheCapacity_IsAMistakeOfTheCaller(int events) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventRateBudget(1_000, time).TryTake(events, out _));
}

using Billing.Grains.Invoicing;

namespace Billing.UnitTests.Invoicing;

public sealed class IssueRetryTests
{
    [Fact]
    public void Failed_Repeatedly_DoublesUpToOneMinute()
    {
        var retry = new IssueRetry();

        var delays = Enumerable.Range(0, 9).Select(_ => retry.Failed().TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
        Assert.Equal(9, retry.Attempts);
        Assert.True(retry.IsWaiting);
    }

    [Fact]
    public void Succeeded_AfterFailures_ReportsThemAndStartsOver()
    {
        var retry = new IssueRetry();
        retry.Failed();
        retry.Failed();

        Assert.Equal(2, retry.Succeeded());
        Assert.Null(retry.Succeeded());
        Assert.False(retry.IsWaiting);
        Assert.Equal(IssueRetry.FirstDelay, retry.Failed());
    }
}

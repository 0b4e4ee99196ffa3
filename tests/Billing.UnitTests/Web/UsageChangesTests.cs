using Billing.Usage;
using Billing.Web.Live;

namespace Billing.UnitTests.Web;

public sealed class UsageChangesTests
{
    private static readonly BillingMonth September = new(2026, 9);
    private static readonly BillingMonth October = new(2026, 10);

    [Fact]
    public void MonthInvoiced_MonthLeftTheOpenList_IsTrue() =>
        Assert.True(UsageChanges.MonthInvoiced(Usage((September, MonthStatus.Closing), (October, MonthStatus.Open)), Usage((October, MonthStatus.Open))));

    [Fact]
    public void MonthInvoiced_SameMonthsOrANewOne_IsFalse()
    {
        Assert.False(UsageChanges.MonthInvoiced(Usage((September, MonthStatus.Open)), Usage((September, MonthStatus.Closing), (October, MonthStatus.Open))));
        Assert.False(UsageChanges.MonthInvoiced(Usage((October, MonthStatus.Open)), Usage((October, MonthStatus.Open))));
    }

    [Fact]
    public void MonthInvoiced_NothingShownYet_IsFalse() =>
        Assert.False(UsageChanges.MonthInvoiced(null, Usage()));

    private static CustomerUsage Usage(params (BillingMonth Month, string Status)[] months) =>
        new("Emma", [.. months.Select(month => new MonthUsage(month.Month, 1, 1.00m, [], month.Status))], DateTimeOffset.UnixEpoch, [], 0);
}

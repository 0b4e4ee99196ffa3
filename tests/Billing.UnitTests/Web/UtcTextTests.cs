using System.Globalization;
using Billing.Web.Components;

namespace Billing.UnitTests.Web;

public sealed class UtcTextTests
{
    private static readonly DateTimeOffset InBerlin = new(2026, 10, 4, 14, 5, 6, TimeSpan.FromHours(2));

    [Fact]
    public void Format_TimeWithAnOffset_IsWrittenInUtcWithTheInvariantCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes times with dots, as Finnish does (12.05.06); the app runs with invariant
            // globalization, so it is made rather than looked up.
            var dotted = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            dotted.DateTimeFormat.TimeSeparator = ".";
            dotted.DateTimeFormat.DateSeparator = ".";
            CultureInfo.CurrentCulture = dotted;

            Assert.Equal("2026-10-04 12:05:06 UTC", UtcText.Format(InBerlin));
            Assert.Equal("12:05:06 UTC", UtcText.TimeOfDay(InBerlin));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Format_NoTime_IsTheTextGivenForNone()
    {
        Assert.Equal("none yet", UtcText.Format(null, "none yet"));
        Assert.Equal("2026-10-04 12:05:06 UTC", UtcText.Format((DateTimeOffset?)InBerlin, "none yet"));
    }
}

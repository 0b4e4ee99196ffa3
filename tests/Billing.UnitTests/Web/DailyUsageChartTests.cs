using System.Globalization;
using System.Xml.Linq;
using Billing.Usage;
using Billing.Web.Components.Charts;

namespace Billing.UnitTests.Web;

public sealed class DailyUsageChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly BillingMonth November = new(2026, 11);

    [Fact]
    public void Render_Usage_IsWellFormedSvgWithABarPerDayOfTheMonth()
    {
        var svg = Parse(DailyUsageChart.Render(November, Days((1, 2.00m), (12, 8.00m)), "EUR", Format));

        var bars = svg.Elements(Svg + "rect").ToList();
        Assert.Equal(30, bars.Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(day => day.ToString(CultureInfo.InvariantCulture)), bars.Select(bar => (string)bar.Attribute("data-day")!));
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Daily usage in November 2026: total EUR 10.00, highest EUR 8.00 on day 12", (string?)svg.Attribute("aria-label"));
        Assert.Equal((string?)svg.Attribute("aria-label"), (string?)svg.Element(Svg + "title"));
        Assert.Equal("2026-11-12: EUR 8.00", (string?)bars[11].Element(Svg + "title"));
    }

    [Fact]
    public void Render_Usage_ScalesBarsToTheHighestDay()
    {
        var svg = Parse(DailyUsageChart.Render(November, Days((1, 2.00m), (12, 8.00m)), "EUR", Format));

        var heights = svg.Elements(Svg + "rect").Select(bar => double.Parse((string)bar.Attribute("height")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(heights.Max(), heights[11]);
        Assert.Equal(heights[11] / 4, heights[0], 2);
        Assert.All(heights.Where((_, index) => index is not 0 and not 11), height => Assert.Equal(0, height));
    }

    [Fact]
    public void Render_NoUsageOrNoDaysKept_DrawsAnEmptyChartSayingSo()
    {
        var svg = Parse(DailyUsageChart.Render(new BillingMonth(2026, 2), [], "EUR", Format));

        Assert.Equal(28, svg.Elements(Svg + "rect").Count());
        Assert.All(svg.Elements(Svg + "rect"), bar => Assert.Equal("0", (string?)bar.Attribute("height")));
        Assert.Equal("Daily usage in February 2026: none yet", (string?)svg.Attribute("aria-label"));
    }

    [Fact]
    public void Render_CurrencyWithMarkup_IsEscaped()
    {
        var text = DailyUsageChart.Render(November, Days((3, 1.00m)), "<b>&", Format);

        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.Contains("total <b>& 1.00", (string?)Parse(text).Attribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnyMonth_UsesNoScriptNorStyleAttributes()
    {
        var text = DailyUsageChart.Render(November, Days((3, 1.00m)), "EUR", Format);

        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", text.Replace(" on day", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static decimal[] Days(params (int Day, decimal Amount)[] days)
    {
        var byDay = new decimal[30];
        foreach (var (day, amount) in days)
        {
            byDay[day - 1] = amount;
        }

        return byDay;
    }
}

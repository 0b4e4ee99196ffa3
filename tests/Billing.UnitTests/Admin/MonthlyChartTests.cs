using System.Globalization;
using System.Xml.Linq;
using Billing.Usage;
using Billing.Web.Admin;

namespace Billing.UnitTests.Admin;

public sealed class MonthlyChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_Months_OneBarPerMonthScaledToTheLargest()
    {
        TypeMonthUsage[] months =
        [
            new(new BillingMonth(2026, 8), 3, 5m),
            new(new BillingMonth(2026, 9), 7, 10m),
        ];

        var svg = XElement.Parse(MonthlyChart.Render("CALL", months, "EUR"));

        var bars = svg.Elements(Svg + "g").ToList();
        Assert.Equal(2, bars.Count);
        var heights = bars.Select(bar => double.Parse(bar.Element(Svg + "rect")!.Attribute("height")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(heights[1] / 2, heights[0], precision: 1);
        Assert.Equal("2026-09: EUR 10.00, 7 events", bars[1].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Render_Always_IsLabelledImage()
    {
        var svg = XElement.Parse(MonthlyChart.Render("CALL", [new(new BillingMonth(2026, 9), 1, 1m)], "EUR"));

        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("CALL: amount per month, 2026-09 to 2026-09", svg.Attribute("aria-label")!.Value);
        Assert.Equal(svg.Attribute("aria-label")!.Value, svg.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Render_NoMonths_SaysSoWithoutBars()
    {
        var svg = XElement.Parse(MonthlyChart.Render("PACK", [], "EUR"));

        Assert.Empty(svg.Elements(Svg + "g"));
        Assert.Equal("PACK: no usage yet", svg.Attribute("aria-label")!.Value);
    }

    [Fact]
    public void Render_AllZero_DrawsFlatBarsNotNaN()
    {
        var svg = MonthlyChart.Render("MISC", [new(new BillingMonth(2026, 9), 2, 0m)], "EUR");

        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.Contains("height=\"0\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyMonths_ShowsOnlyTheLatest()
    {
        var months = Enumerable.Range(1, 20)
            .Select(i => new TypeMonthUsage(BillingMonth.Of(new BillingMonth(2025, 1).Start.AddMonths(i - 1)), i, i))
            .ToList();

        var svg = XElement.Parse(MonthlyChart.Render("DATA", months, "EUR"));

        Assert.Equal(MonthlyChart.MaxMonths, svg.Elements(Svg + "g").Count());
        Assert.EndsWith(months[^1].Month.ToString(), svg.Attribute("aria-label")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MarkupInName_IsEncoded()
    {
        var svg = MonthlyChart.Render("<b>&", [], "EUR");

        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.NotNull(XElement.Parse(svg));
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Billing.Usage;
using Billing.Web.Api;

namespace Billing.Web.Admin;

/// <summary>
/// A month-by-month bar chart as inline SVG, rendered on the server: no script, no external assets. The chart
/// names itself (<c>role="img"</c>, <c>aria-label</c>, <c>&lt;title&gt;</c>) and each bar carries its month,
/// amount and count as a title.
/// </summary>
public static class MonthlyChart
{
    /// <summary>The most months shown; older ones are left off.</summary>
    public const int MaxMonths = 12;

    private const int Width = 360;
    private const int Height = 150;
    private const int Top = 10;
    private const int Bottom = 24;
    private const int Side = 6;

    /// <summary>The SVG markup for <paramref name="months"/> (oldest first) of the type <paramref name="typeName"/>.</summary>
    public static string Render(string typeName, IReadOnlyList<TypeMonthUsage> months, string currency)
    {
        var shown = months.Count > MaxMonths ? months.Skip(months.Count - MaxMonths).ToList() : months;
        var label = shown.Count == 0
            ? $"{typeName}: no usage yet"
            : $"{typeName}: amount per month, {shown[0].Month} to {shown[^1].Month}";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" aria-label="{Encode(label)}">""");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(label)}</title>");
        var baseline = Height - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="axis" x1="{Side}" y1="{baseline}" x2="{Width - Side}" y2="{baseline}" />""");
        if (shown.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="empty" x="{Width / 2}" y="{baseline / 2}" text-anchor="middle">No usage yet</text>""");
        }

        var max = shown.Count == 0 ? 0m : shown.Max(month => month.Total);
        var slot = (double)(Width - (2 * Side)) / Math.Max(shown.Count, 1);
        var barWidth = slot * 0.7;
        for (var i = 0; i < shown.Count; i++)
        {
            var month = shown[i];
            var barHeight = max <= 0 ? 0 : (double)(month.Total / max) * (baseline - Top);
            var x = Side + (i * slot) + ((slot - barWidth) / 2);
            var text = $"{month.Month}: {currency} {Amounts.Format(month.Total)}, {month.Count} events";
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="bar"><title>{Encode(text)}</title><rect x="{x:0.##}" y="{baseline - barHeight:0.##}" width="{barWidth:0.##}" height="{barHeight:0.##}" />""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + (barWidth / 2):0.##}" y="{Height - 8}" text-anchor="middle">{month.Month.Month:D2}/{month.Month.Year % 100:D2}</text></g>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

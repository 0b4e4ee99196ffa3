using System.Globalization;
using System.Net;
using System.Text;
using Billing.Usage;

namespace Billing.Web.Components.Charts;

/// <summary>
/// A month's usage per day as an inline SVG bar chart, drawn on the server: no script, no style attributes (the
/// content security policy allows neither inline), presentation attributes only. The chart names itself with
/// a title and an aria-label; each bar carries its day and amount as a tooltip.
/// </summary>
public static class DailyUsageChart
{
    private const int Width = 620;
    private const int Height = 180;
    private const int Left = 8;
    private const int Right = 8;
    private const int Top = 22;
    private const int Bottom = 22;

    private const string BarColor = "#0b5cad";
    private const string AxisColor = "#57606a";
    private const string TextColor = "#1b1f24";

    /// <param name="month">The month drawn.</param>
    /// <param name="byDay">Its total per day, the 1st first; days beyond the list count as zero.</param>
    /// <param name="currency">The currency code written with amounts.</param>
    /// <param name="format">Formats an amount without its currency.</param>
    public static string Render(BillingMonth month, IReadOnlyList<decimal> byDay, string currency, Func<decimal, string> format)
    {
        ArgumentNullException.ThrowIfNull(byDay);
        ArgumentNullException.ThrowIfNull(format);
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        var amounts = Enumerable.Range(0, days).Select(day => day < byDay.Count ? Math.Max(0m, byDay[day]) : 0m).ToArray();
        var highest = amounts.Max();
        var busiest = Array.IndexOf(amounts, highest) + 1;
        var monthName = month.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var label = highest == 0m
            ? $"Daily usage in {monthName}: none yet"
            : $"Daily usage in {monthName}: total {currency} {format(amounts.Sum())}, highest {currency} {format(highest)} on day {busiest}";

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"daily-chart\" data-testid=\"daily-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(label)}\">"));
        svg.Append("<title>").Append(Encode(label)).Append("</title>");

        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = (double)plotWidth / days;
        var barWidth = Math.Max(1.0, slot * 0.7);
        var baseline = Top + plotHeight;
        for (var day = 1; day <= days; day++)
        {
            var amount = amounts[day - 1];
            var height = highest == 0m ? 0.0 : (double)(amount / highest) * plotHeight;
            var x = Left + ((day - 1) * slot) + ((slot - barWidth) / 2);
            svg.Append(Invariant($"<rect data-day=\"{day}\" x=\"{x:0.##}\" y=\"{baseline - height:0.##}\" width=\"{barWidth:0.##}\" height=\"{height:0.##}\" fill=\"{BarColor}\">"));
            svg.Append("<title>").Append(Encode($"{month}-{day:D2}: {currency} {format(amount)}")).Append("</title></rect>");
        }

        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{baseline}\" x2=\"{Width - Right}\" y2=\"{baseline}\" stroke=\"{AxisColor}\" stroke-width=\"1\"/>"));
        if (highest > 0m)
        {
            svg.Append(Invariant($"<text x=\"{Left}\" y=\"14\" font-size=\"12\" fill=\"{TextColor}\">"))
                .Append(Encode($"max {currency} {format(highest)}")).Append("</text>");
        }

        foreach (var day in new[] { 1, 5, 10, 15, 20, 25, days }.Distinct())
        {
            var x = Left + ((day - 0.5) * slot);
            svg.Append(Invariant($"<text x=\"{x:0.##}\" y=\"{Height - 6}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{AxisColor}\">{day}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

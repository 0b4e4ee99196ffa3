using System.Text.RegularExpressions;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Billing.BrowserTests.Infrastructure;

/// <summary>
/// axe-core, as bundled in Deque.AxeCore.Commons (nothing is downloaded), run on a page for WCAG 2.0 and 2.1,
/// levels A and AA.
/// </summary>
public static class Accessibility
{
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Fails with every violation's rule, impact, help and elements.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        // Blazor sets the title (PageTitle) as it renders: checked before that, a live page shows an empty
        // title for a moment. The title must come; then the settled page is checked.
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"\S"));
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        });

        Assert.True(result.Violations.Length == 0, Describe(page.Url, result.Violations));
    }

    private static string Describe(string url, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"{violations.Length} accessibility violation(s) on {url}:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                // What the checks found wrong with the element, as axe words it in its failure summary.
                var findings = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(check => check.Message).Distinct();
                text.AppendLine().Append($"    {node.Target} {node.Html}: {string.Join("; ", findings)}");
            }
        }

        return text.ToString();
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Billing.TestSupport.Processes;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>The Grafana dashboard in deploy/monitoring: its panels, their PromQL queries, and the metrics those name.</summary>
internal sealed partial class GrafanaDashboard
{
    public static readonly string FilePath = RepositoryPaths.Combine("deploy", "monitoring", "grafana", "dashboards", "queryable-billing.json");

    private GrafanaDashboard(IReadOnlyList<(string Title, string Datasource, IReadOnlyList<string> Queries)> panels) => Panels = panels;

    public IReadOnlyList<(string Title, string Datasource, IReadOnlyList<string> Queries)> Panels { get; }

    /// <summary>Every metric any panel queries.</summary>
    public IReadOnlySet<string> Metrics =>
        Panels.SelectMany(panel => panel.Queries).SelectMany(MetricsIn).ToHashSet(StringComparer.Ordinal);

    public static GrafanaDashboard Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        var panels = document.RootElement.GetProperty("panels").EnumerateArray()
            .Select(panel => (
                panel.GetProperty("title").GetString()!,
                panel.GetProperty("datasource").GetProperty("uid").GetString()!,
                (IReadOnlyList<string>)[.. panel.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("expr").GetString()!)]))
            .ToList();
        return new GrafanaDashboard(panels);
    }

    /// <summary>
    /// The metric names in a PromQL expression: identifiers that are not functions (followed by a parenthesis),
    /// keywords, label names (inside braces or a by/without list), durations or strings.
    /// </summary>
    public static IEnumerable<string> MetricsIn(string query)
    {
        var bare = Grouping().Replace(LabelMatchers().Replace(Strings().Replace(query, ""), ""), "");
        bare = Durations().Replace(bare, "");
        return Identifiers().Matches(bare)
            .Where(match => !Keywords.Contains(match.Value) && !IsFunctionCall(bare, match))
            .Select(match => match.Value);
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "offset", "bool", "and", "or", "unless" };

    private static bool IsFunctionCall(string text, Match match) =>
        text[(match.Index + match.Length)..].TrimStart().StartsWith('(');

    [GeneratedRegex("\"(\\\\.|[^\"\\\\])*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]|\boffset\s+\w+")]
    private static partial Regex Durations();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}

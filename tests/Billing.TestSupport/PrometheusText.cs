using System.Globalization;
using System.Text.RegularExpressions;

namespace Billing.TestSupport;

/// <summary>
/// The samples of a Prometheus text exposition (what <c>/metrics</c> answers): <c>name{label="value",…} number</c>
/// lines; comments and blank lines are skipped.
/// </summary>
public sealed partial class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples) => Samples = samples;

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Every metric name that has a sample.</summary>
    public IReadOnlySet<string> Names => Samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"Not a Prometheus sample line: {line}");
            }

            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(pair => pair.Groups["key"].Value, pair => pair.Groups["value"].Value, StringComparer.Ordinal);
            samples.Add(new PrometheusSample(
                match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new PrometheusText(samples);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public IEnumerable<PrometheusSample> Of(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Key) == label.Value));

    /// <summary>The sum of <paramref name="name"/>'s samples (0 when it has none).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) => Of(name, labels).Sum(sample => sample.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}

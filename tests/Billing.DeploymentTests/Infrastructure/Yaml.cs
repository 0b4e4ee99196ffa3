using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>A YAML document as nested maps and lists, with merge keys (<c>&lt;&lt;: *anchor</c>) applied as compose applies them.</summary>
internal static class Yaml
{
    public static Dictionary<object, object?> Load(string text) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(new MergingParser(new Parser(new StringReader(text))));

    /// <summary>The map under <paramref name="key"/>, or an empty one.</summary>
    public static Dictionary<object, object?> Map(this Dictionary<object, object?> map, string key) =>
        map.GetValueOrDefault(key) as Dictionary<object, object?> ?? [];

    /// <summary>The list under <paramref name="key"/> as strings, or an empty one.</summary>
    public static List<string> Strings(this Dictionary<object, object?> map, string key) =>
        map.GetValueOrDefault(key) is List<object?> list ? [.. list.Select(item => item?.ToString() ?? "")] : [];

    /// <summary>The scalar under <paramref name="key"/>, or null.</summary>
    public static string? Scalar(this Dictionary<object, object?> map, string key) => map.GetValueOrDefault(key)?.ToString();

    /// <summary>The entries of a map as (key, map) pairs.</summary>
    public static IEnumerable<(string Name, Dictionary<object, object?> Value)> Entries(this Dictionary<object, object?> map) =>
        map.Select(entry => (entry.Key.ToString()!, entry.Value as Dictionary<object, object?> ?? []));
}

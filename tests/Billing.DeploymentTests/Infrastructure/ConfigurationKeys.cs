using System.Reflection;
using System.Text.RegularExpressions;
using Billing.Generator;
using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Billing.Observability;
using Billing.TestSupport.Processes;
using Billing.Web.Hosting;
using Billing.Web.Security;
using Orleans.Configuration;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// Whether an environment variable a manifest sets is one the apps read, so that a misspelt or invented name (which
/// the apps would silently ignore) fails a test. A name is read when, with <c>__</c> as <c>:</c>, it is a settable
/// property of an options class the apps bind to its section; or a key the apps' sources read by name
/// (<c>configuration["…"]</c>, <c>GetValue("…")</c>, <c>GetConnectionString("…")</c>, a <c>Key</c> constant); or a
/// setting of the platform: the .NET host, ASP.NET Core, OpenTelemetry, Orleans' Kubernetes hosting.
/// </summary>
internal static partial class ConfigurationKeys
{
    private static readonly (string Section, Type Options)[] BoundSections =
    [
        ("Kafka", typeof(KafkaStreamOptions)),
        (GeneratorKafkaOptions.SectionName, typeof(GeneratorKafkaOptions)),
        (BillingOptions.SectionName, typeof(BillingOptions)),
        (GeneratorOptions.SectionName, typeof(GeneratorOptions)),
        (MonitoringOptions.SectionName, typeof(MonitoringOptions)),
        (ReverseProxyOptions.SectionName, typeof(ReverseProxyOptions)),
        (BillingOidcOptions.SectionName, typeof(BillingOidcOptions)),
        ("Orleans:Membership", typeof(ClusterMembershipOptions)),
        ("Orleans:Gateway", typeof(GatewayOptions)),
    ];

    private static readonly string[] PlatformPrefixes = ["DOTNET_", "ASPNETCORE_", "OTEL_"];

    // POD_NAME and POD_NAMESPACE: Orleans' Kubernetes hosting reads them from the environment.
    private static readonly string[] PlatformNames = ["POD_NAME", "POD_NAMESPACE", "TMPDIR"];

    private static readonly Lazy<IReadOnlySet<string>> NamedKeys = new(ReadNamedKeys);

    /// <summary>Null when the apps read <paramref name="environmentName"/>; else why not.</summary>
    public static string? WhyNotRead(string environmentName)
    {
        if (PlatformNames.Contains(environmentName, StringComparer.Ordinal)
            || PlatformPrefixes.Any(prefix => environmentName.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return null;
        }

        var key = environmentName.Replace("__", ":", StringComparison.Ordinal);
        if (NamedKeys.Value.Contains(key))
        {
            return null;
        }

        if (ApiKeyEntryKey().Match(key) is { Success: true } entry)
        {
            return IsProperty(typeof(ApiKeyEntry), entry.Groups["property"].Value) ? null : $"{key}: ApiKeyEntry has no such property";
        }

        foreach (var (section, options) in BoundSections)
        {
            if (key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) && IsProperty(options, key[(section.Length + 1)..]))
            {
                return null;
            }
        }

        return $"{environmentName} ({key}) is no configuration key the apps read";
    }

    private static bool IsProperty(Type options, string name) =>
        options.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true };

    private static IReadOnlySet<string> ReadNamedKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sources = Directory.EnumerateDirectories(RepositoryPaths.Root, "Billing.*")
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var source in sources)
        {
            var text = File.ReadAllText(source);
            keys.UnionWith(ReadByName().Matches(text).Select(match => match.Groups["key"].Value));
            keys.UnionWith(ConnectionString().Matches(text).Select(match => "ConnectionStrings:" + match.Groups["name"].Value));
        }

        return keys;
    }

    [GeneratedRegex(@"(?:[Cc]onfiguration\[|GetValue(?:<[^>]+>)?\(|const string Key = )""(?<key>[A-Za-z_][A-Za-z0-9_:]*)""")]
    private static partial Regex ReadByName();

    [GeneratedRegex(@"GetConnectionString\(""(?<name>[A-Za-z0-9_]+)""\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"^Billing:ApiKeys:\d+:(?<property>[A-Za-z0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ApiKeyEntryKey();
}

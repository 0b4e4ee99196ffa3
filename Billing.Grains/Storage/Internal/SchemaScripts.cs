using System.Globalization;
using System.Reflection;

namespace Billing.Grains.Storage.Internal;

/// <summary>
/// Reads the embedded schema scripts. The version and description come from the file name
/// (<c>003_persistence.sql</c> is version 3, "persistence"), so adding a script is adding a file.
/// </summary>
internal static class SchemaScripts
{
    private const string ResourcePrefix = "Billing.Grains.Storage.Schema.";

    private static readonly Lazy<IReadOnlyList<SchemaScript>> Loaded = new(Load);

    /// <summary>Every script, in version order.</summary>
    public static IReadOnlyList<SchemaScript> All => Loaded.Value;

    private static IReadOnlyList<SchemaScript> Load()
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(script => script.Version)
            .ToList();

        // A gap or a duplicate would mean a script is applied out of order or never: refuse to run at all.
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Schema scripts must be numbered 1, 2, 3, … without gaps; found version {scripts[i].Version} at position {i + 1}.");
            }
        }

        return scripts;
    }

    private static SchemaScript Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0
            || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Schema script '{fileName}.sql' is not named NNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Schema script '{resourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return new SchemaScript(version, fileName[(separator + 1)..].Replace('_', ' '), reader.ReadToEnd());
    }
}

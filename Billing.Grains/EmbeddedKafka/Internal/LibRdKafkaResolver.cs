using System.Reflection;
using System.Runtime.InteropServices;

namespace Billing.Grains.EmbeddedKafka.Internal;

/// <summary>
/// Finds librdkafka the way Confluent.Kafka does. The package's default <c>librdkafka.so</c> links against
/// <c>libsasl2.so.3</c>, which some distributions (Debian 12) lack, so the self-contained
/// <c>centos8-librdkafka.so</c> next to it is the fallback. Loading the same file as Confluent.Kafka also means
/// one copy of the library per process.
/// </summary>
internal static class LibRdKafkaResolver
{
    private static readonly string[] FileNames = ["librdkafka.so", "centos8-librdkafka.so"];

    /// <summary>
    /// Registers the resolver for this assembly. .NET allows one resolver per assembly and throws on a second
    /// registration, so this runs only from <see cref="LibRdKafka"/>'s static constructor, which the runtime
    /// runs exactly once; any other native import in this assembly must be routed through <see cref="Resolve"/>.
    /// </summary>
    public static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaResolver).Assembly, Resolve);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, LibRdKafka.LibraryName, StringComparison.Ordinal) || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        foreach (var path in CandidatePaths(assembly))
        {
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        // Zero hands the name back to the runtime's default probing (deps.json, LD_LIBRARY_PATH).
        return 0;
    }

    private static IEnumerable<string> CandidatePaths(Assembly assembly)
    {
        var rid = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "linux-arm64",
            _ => "linux-x64",
        };

        // A build keeps native assets under runtimes/<rid>/native; a RID-specific publish flattens them
        // next to the assembly. Single-file apps have no assembly location, hence the base directory too.
        var directories = new[] { Path.GetDirectoryName(assembly.Location), AppContext.BaseDirectory }
            .Where(directory => !string.IsNullOrEmpty(directory))
            .Distinct(StringComparer.Ordinal);

        foreach (var directory in directories)
        {
            foreach (var fileName in FileNames)
            {
                yield return Path.Combine(directory!, "runtimes", rid, "native", fileName);
                yield return Path.Combine(directory!, fileName);
            }
        }
    }
}

namespace Billing.TestSupport.Processes;

/// <summary>
/// The repository the tests run from (the folder holding Billing.sln), and where the built apps are: each in
/// its own output folder, in the configuration the caller was built in.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SiloAssembly { get; } = FindAppAssembly("Billing.Silo");

    public static string WebAssembly { get; } = FindAppAssembly("Billing.Web");

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Billing.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Billing.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindAppAssembly(string app)
    {
        // The caller runs from tests/<Project>/bin/<Configuration>/<tfm>/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(FindRoot(), app, "bin", configuration, framework, $"{app}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{app} is not built where the caller expects it.", path);
    }
}

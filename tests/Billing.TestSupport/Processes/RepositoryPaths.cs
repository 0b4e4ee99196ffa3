namespace Billing.TestSupport.Processes;

/// <summary>Where the built apps are: each in its own output folder, in the configuration the caller was built in.</summary>
public static class RepositoryPaths
{
    public static string SiloAssembly { get; } = FindAppAssembly("Billing.Silo");

    public static string WebAssembly { get; } = FindAppAssembly("Billing.Web");

    private static string FindAppAssembly(string app)
    {
        // The caller runs from tests/<Project>/bin/<Configuration>/<tfm>/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Billing.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No Billing.sln above {AppContext.BaseDirectory}.");
        }

        var path = Path.Combine(root.FullName, app, "bin", configuration, framework, $"{app}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{app} is not built where the caller expects it.", path);
    }
}

namespace Billing.ClusterTests.Infrastructure;

/// <summary>Where the built Billing.Silo is: its own output folder, in the configuration these tests were built in.</summary>
public static class RepositoryPaths
{
    public static string SiloAssembly { get; } = FindSiloAssembly();

    private static string FindSiloAssembly()
    {
        // The tests run from tests/Billing.ClusterTests/bin/<Configuration>/<tfm>/.
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

        var path = Path.Combine(root.FullName, "Billing.Silo", "bin", configuration, framework, "Billing.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Billing.Silo is not built where the tests expect it.", path);
    }
}

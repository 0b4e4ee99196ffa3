using System.Globalization;

namespace Billing.TestSupport.Postgres;

/// <summary>Where the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>) are on this machine.</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>
    /// Looks on PATH, then in Debian's versioned folders (newest first): Debian does not put the server
    /// programs on PATH. Throws when they are missing, so tests fail rather than skip.
    /// </summary>
    public static PostgresBinaries Find()
    {
        var pathFolders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debianFolders = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(version => Path.Combine(version, "bin"))
                .OrderByDescending(folder => VersionOf(folder))
            : Enumerable.Empty<string>();

        foreach (var folder in pathFolders.Concat(debianFolders))
        {
            var initDb = Path.Combine(folder, "initdb");
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server programs (initdb, pg_ctl) were found neither on PATH nor under /usr/lib/postgresql/*/bin: " +
            "install Debian's postgresql package; .ci/run does.");
    }

    private static int VersionOf(string binFolder) =>
        int.TryParse(Path.GetFileName(Path.GetDirectoryName(binFolder)), NumberStyles.None,
            CultureInfo.InvariantCulture, out var version) ? version : 0;
}

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// The Debian mirror this machine installs from, read from its apt sources, so that the repository names no
/// mirror host and debootstrap uses whatever the machine may reach.
/// </summary>
internal static class DebianMirror
{
    public const string Suite = "bookworm";

    public static string Find()
    {
        // deb822 sources (Debian 12's default): "URIs:" and "Suites:" lines in one stanza.
        foreach (var file in Directory.EnumerateFiles("/etc/apt/sources.list.d", "*.sources").Order(StringComparer.Ordinal))
        {
            foreach (var stanza in File.ReadAllText(file).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = stanza.Split('\n')
                    .Where(line => !line.TrimStart().StartsWith('#') && line.Contains(':', StringComparison.Ordinal))
                    .Select(line => line.Split(':', 2))
                    .GroupBy(pair => pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(group => group.Key, group => group.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
                if (fields.TryGetValue("Suites", out var suites) && suites.Split(' ').Contains(Suite, StringComparer.Ordinal)
                    && fields.TryGetValue("URIs", out var uris))
                {
                    return uris.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                }
            }
        }

        // One-line sources: "deb [options] URI bookworm main".
        foreach (var file in new[] { "/etc/apt/sources.list" }.Concat(Directory.EnumerateFiles("/etc/apt/sources.list.d", "*.list")).Where(File.Exists))
        {
            foreach (var line in File.ReadLines(file).Select(line => line.Trim()).Where(line => line.StartsWith("deb ", StringComparison.Ordinal)))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith('[') && !word.EndsWith(']')).ToList();
                if (words.Count >= 3 && words[2] == Suite)
                {
                    return words[1];
                }
            }
        }

        throw new InvalidOperationException($"No apt source for Debian {Suite} in /etc/apt: debootstrap needs a mirror.");
    }
}

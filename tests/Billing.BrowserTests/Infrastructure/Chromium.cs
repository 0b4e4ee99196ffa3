using Microsoft.Playwright;

namespace Billing.BrowserTests.Infrastructure;

/// <summary>
/// Debian's chromium, driven by the Playwright driver that ships inside the Microsoft.Playwright package: no
/// browser is downloaded (<c>playwright install</c> is never run). Playwright launches any chromium given by
/// <see cref="BrowserTypeLaunchOptions.ExecutablePath"/> without checking its version against the one it bundles.
/// </summary>
public static class Chromium
{
    /// <summary>Overrides the executable; otherwise the first <c>chromium</c> (or <c>chromium-browser</c>) on PATH.</summary>
    public const string ExecutableVariable = "BILLING_CHROMIUM";

    /// <summary>For a machine without a network, a sandbox or a GPU (a container, CI).</summary>
    public static readonly IReadOnlyList<string> Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = Args,
        });

    public static string ExecutablePath()
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => new[] { "chromium", "chromium-browser" }.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"No chromium on PATH ({path}); install Debian's (apt-get install chromium) or set {ExecutableVariable}.");
    }
}

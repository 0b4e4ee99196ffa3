using Microsoft.Playwright;

namespace Billing.BrowserTests.Infrastructure;

/// <summary>
/// Full-page screenshots: always into <c>TestResults/screenshots/</c> (under <see cref="ResultsVariable"/> when set,
/// otherwise under the test run's working directory), and also into <see cref="RepositoryVariable"/> when set, so
/// that <c>BILLING_SCREENSHOTS_DIR=docs/images</c> refreshes the README's pictures.
/// </summary>
public static class Screenshots
{
    /// <summary>A folder for the pictures the repository keeps; relative to the repository root when not absolute.</summary>
    public const string RepositoryVariable = "BILLING_SCREENSHOTS_DIR";

    /// <summary>The test results folder (CI sets it to its own <c>TestResults</c>).</summary>
    public const string ResultsVariable = "BILLING_TEST_RESULTS_DIR";

    /// <summary>Saves <paramref name="page"/> as <c>{name}.png</c>; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(IPage page, string name)
    {
        var results = Variable(ResultsVariable) ?? Path.Combine(Directory.GetCurrentDirectory(), "TestResults");
        var inResults = Path.Combine(results, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(inResults)!);
        var png = await page.ScreenshotAsync(new() { FullPage = true, Path = inResults, Animations = ScreenshotAnimations.Disabled });
        if (Variable(RepositoryVariable) is not { } folder)
        {
            return [inResults];
        }

        var inRepository = Path.Combine(Path.IsPathRooted(folder) ? folder : Path.Combine(RepositoryRoot(), folder), name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(inRepository)!);
        await File.WriteAllBytesAsync(inRepository, png);
        return [inResults, inRepository];
    }

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>The nearest folder above the test assembly that holds <c>Billing.sln</c>.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Billing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Billing.sln above {AppContext.BaseDirectory}; give {RepositoryVariable} as an absolute path.");
    }
}

using System.Globalization;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// Durations and sizes worth reporting (image sizes, how long the builds and the compose stack took), written to
/// <c>deployment-measurements.txt</c> in the test results folder (<c>BILLING_TEST_RESULTS_DIR</c>, set by .ci/run).
/// </summary>
internal static class Measurements
{
    private static readonly Lock Gate = new();

    public static string FilePath { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("BILLING_TEST_RESULTS_DIR") is { Length: > 0 } directory ? directory : AppContext.BaseDirectory,
        "deployment-measurements.txt");

    public static void Record(string what, string value)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:u}  {TestRun.Id}  {what}: {value}{Environment.NewLine}");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.AppendAllText(FilePath, line);
        }
    }

    public static void Record(string what, TimeSpan duration) =>
        Record(what, string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:F0} s"));
}

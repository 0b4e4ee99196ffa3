using System.Diagnostics;
using System.Globalization;
using Billing.TestSupport.Processes;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// The images the container tests need, built once per test run. The official .NET, Kafka and PostgreSQL images
/// cannot be pulled here, so deploy/Dockerfile is built with its base images substituted through its build
/// arguments: a Debian 12 root file system made by debootstrap from this machine's Debian mirror, with this
/// machine's .NET runtimes (the runtime stand-in) or whole .NET install (the SDK stand-in) copied in, and
/// Debian's PostgreSQL in place of the official image. Every tag carries the run's id and is removed at the end.
/// </summary>
public sealed class ContainerImages : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(12);

    private readonly List<string> tags = [];
    private readonly Lock tagsGate = new();
    private readonly List<Task> pending = [];

    /// <summary>
    /// The images of the run once built, for the compose stack (a class fixture, which xUnit cannot hand the
    /// collection's fixture); null before.
    /// </summary>
    public static ContainerImages? Current { get; private set; }

    /// <summary>The billing image: deploy/Dockerfile, all three entry points.</summary>
    public string Billing { get; } = TestRun.Image("billing", "test");

    /// <summary>Debian's PostgreSQL with the official image's environment contract.</summary>
    public string Postgres { get; } = TestRun.Image("postgres", "15");

    /// <summary>The runtime stand-in the billing image was built on.</summary>
    public string Runtime { get; } = TestRun.Image("dotnet-runtime", "10.0");

    private string Debian { get; } = TestRun.Image("debian", DebianMirror.Suite);

    private string Sdk { get; } = TestRun.Image("dotnet-sdk", "10.0");

    public async Task InitializeAsync()
    {
        var total = Stopwatch.StartNew();
        await Timed("debootstrap and import of the Debian base image", BuildDebianBaseAsync);
        // Three builds on the base at once: mostly package downloads, unpacking and copying.
        var postgres = Timed("PostgreSQL stand-in image", () => BuildAsync(
            "postgres", Postgres, new Dictionary<string, string> { ["BASE_IMAGE"] = Debian }, []));
        var sdk = Timed("SDK stand-in image", () => BuildAsync(
            "dotnet-sdk", Sdk, new Dictionary<string, string> { ["BASE_IMAGE"] = Debian }, [$"{DotnetRoot()}:/host-dotnet:ro"]));
        var runtime = Timed("runtime stand-in image", () => BuildAsync(
            "dotnet-runtime", Runtime, new Dictionary<string, string> { ["BASE_IMAGE"] = Debian }, [$"{DotnetRoot()}:/host-dotnet:ro"]));
        pending.AddRange([postgres, sdk, runtime]);
        await Task.WhenAll(sdk, runtime);
        await Timed("billing image (deploy/Dockerfile)", BuildBillingAsync);
        await postgres;
        Measurements.Record("all images", total.Elapsed);
        foreach (var image in new[] { Debian, Runtime, Postgres, Billing })
        {
            Measurements.Record($"size of {image}", Megabytes(await Podman.ImageSizeAsync(image)));
        }

        Measurements.Record(
            "size of the billing image's own layers (the app)",
            Megabytes(await Podman.ImageSizeAsync(Billing) - await Podman.ImageSizeAsync(Runtime)));
        Current = this;
    }

    public async Task DisposeAsync()
    {
        // A build still running when another failed would tag its image after the clean-up.
        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        string[] made;
        lock (tagsGate)
        {
            made = [.. Enumerable.Reverse(tags)];
        }

        // Newest first: an image goes before the base it was built on.
        await Podman.RemoveImagesAsync(made);
    }

    private void Remember(string tag)
    {
        lock (tagsGate)
        {
            tags.Add(tag);
        }
    }

    private async Task BuildDebianBaseAsync()
    {
        var root = Directory.CreateTempSubdirectory($"{TestRun.Id}-rootfs-").FullName;
        try
        {
            await CommandLine.RunCheckedAsync(
                "debootstrap", ["--variant=minbase", DebianMirror.Suite, root, DebianMirror.Find()], BuildTimeout);
            // What an image never needs: package lists (every Containerfile updates them first), docs, man pages.
            foreach (var folder in new[] { "var/lib/apt/lists", "var/cache/apt", "usr/share/doc", "usr/share/man", "usr/share/locale" })
            {
                await CommandLine.RunCheckedAsync("find", [Path.Combine(root, folder), "-mindepth", "1", "-delete"], BuildTimeout);
            }

            Remember(Debian);
            await CommandLine.RunCheckedAsync(
                "sh", ["-c", $"tar -C '{root}' -c . | podman import - '{Debian}'"], BuildTimeout);
        }
        finally
        {
            await CommandLine.RunAsync("rm", ["-rf", root], BuildTimeout);
        }
    }

    private Task BuildAsync(string folder, string tag, Dictionary<string, string> buildArguments, IEnumerable<string> volumes)
    {
        var context = Path.Combine(RepositoryPaths.Combine("tests", "Billing.DeploymentTests", "Images"), folder);
        Remember(tag);
        return Podman.BuildAsync(context, Path.Combine(context, "Containerfile"), tag, buildArguments, volumes, BuildTimeout);
    }

    private Task BuildBillingAsync()
    {
        Remember(Billing);
        return Podman.BuildAsync(
            RepositoryPaths.Root,
            RepositoryPaths.Combine("deploy", "Dockerfile"),
            Billing,
            new Dictionary<string, string> { ["SDK_IMAGE"] = Sdk, ["RUNTIME_IMAGE"] = Runtime },
            [
                // Restores find this machine's packages in a read-only fallback folder (the SDK stand-in points
                // NUGET_FALLBACK_PACKAGES at it), and NuGet is trusted as on this machine.
                $"{NuGetPackages()}:/nuget-fallback:ro",
                "/etc/ssl/certs:/etc/ssl/certs:ro",
            ],
            BuildTimeout);
    }

    private static async Task Timed(string what, Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        await step();
        Measurements.Record($"build of the {what}", clock.Elapsed);
    }

    private static string DotnetRoot() =>
        Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root ? root
        : Path.GetDirectoryName(Environment.ProcessPath) is { } folder && File.Exists(Path.Combine(folder, "dotnet")) ? folder
        : "/usr/share/dotnet";

    private static string NuGetPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages ? packages
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_000_000.0:F0} MB");
}

using System.Globalization;
using System.Net;
using Billing.TestSupport.Processes;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>The podman commands the tests use (podman runs as root here, with runc; see .ci/run).</summary>
internal static class Podman
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Builds <paramref name="containerfile"/> in <paramref name="context"/> as <paramref name="tag"/>, in Docker's image
    /// format (OCI images drop HEALTHCHECK) and without keeping intermediate layers, so that removing the tag
    /// removes everything the build made.
    /// </summary>
    public static Task<CommandResult> BuildAsync(
        string context, string containerfile, string tag, IReadOnlyDictionary<string, string> buildArguments,
        IEnumerable<string> volumes, TimeSpan timeout) =>
        CommandLine.RunCheckedAsync(
            "podman",
            [
                "build", "--format", "docker", "--layers=false", "--pull=never", "-f", containerfile, "-t", tag,
                .. buildArguments.SelectMany(argument => new[] { "--build-arg", $"{argument.Key}={argument.Value}" }),
                .. volumes.SelectMany(volume => new[] { "--volume", volume }),
                context,
            ],
            timeout);

    /// <summary>The image's size as podman reports it (all its layers), in bytes.</summary>
    public static async Task<long> ImageSizeAsync(string image) =>
        long.Parse(await InspectImageAsync(image, "{{.Size}}"), CultureInfo.InvariantCulture);

    public static async Task<string> InspectImageAsync(string image, string format) =>
        (await CommandLine.RunCheckedAsync("podman", ["image", "inspect", "--format", format, image], Quick)).StandardOutput.Trim();

    public static async Task<string> InspectContainerAsync(string container, string format) =>
        (await CommandLine.RunCheckedAsync("podman", ["container", "inspect", "--format", format, container], Quick)).StandardOutput.Trim();

    /// <summary>The container's address on its (only) network; the host reaches it directly (rootful bridge).</summary>
    public static async Task<IPAddress> AddressOfAsync(string container) =>
        IPAddress.Parse(await InspectContainerAsync(container, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}"));

    /// <summary>Runs the container's health check once, as an orchestrator would: true when it passes.</summary>
    public static async Task<bool> IsHealthyAsync(string container) =>
        (await CommandLine.RunAsync("podman", ["healthcheck", "run", container], Quick)).ExitCode == 0;

    /// <summary>The container's state (running, exited, …) and exit code.</summary>
    public static async Task<(string Status, int ExitCode)> StateAsync(string container)
    {
        var state = (await InspectContainerAsync(container, "{{.State.Status}} {{.State.ExitCode}}")).Split(' ');
        return (state[0], int.Parse(state[1], CultureInfo.InvariantCulture));
    }

    public static Task<CommandResult> KillAsync(string container, string signal) =>
        CommandLine.RunCheckedAsync("podman", ["kill", "--signal", signal, container], Quick);

    /// <summary>The last lines of the container's output, for failure messages.</summary>
    public static async Task<string> LogsAsync(string container, int lines = 60)
    {
        var result = await CommandLine.RunAsync("podman", ["logs", "--tail", lines.ToString(CultureInfo.InvariantCulture), container], Quick);
        return $"--- {container}\n{result.StandardOutput}{result.StandardError}";
    }

    /// <summary>Removes images by name; names that do not exist are no error.</summary>
    public static Task<CommandResult> RemoveImagesAsync(IEnumerable<string> images) =>
        CommandLine.RunAsync("podman", ["rmi", "--force", "--ignore", .. images], Quick);
}

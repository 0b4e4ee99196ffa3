using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Billing.ClusterTests.Infrastructure;

/// <summary>
/// A Billing.Silo running as a child process, as operators run it. It can be killed without warning
/// (SIGKILL) or stopped gracefully (SIGTERM), and keeps its console output for failure messages.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private SiloProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public string Output => string.Join(Environment.NewLine, output.TakeLast(60));

    /// <summary>Whether the process has written <paramref name="text"/> to its console at any time.</summary>
    public bool HasLogged(string text) => output.Any(line => line.Contains(text, StringComparison.Ordinal));

    public static SiloProcess Start(string name, IEnumerable<KeyValuePair<string, string>> settings, string? command = null) =>
        Run(name, [.. command is null ? [] : new[] { command }, .. settings.Select(setting => $"--{setting.Key}={setting.Value}")]);

    /// <summary>Starts Billing.Silo with exactly <paramref name="arguments"/> on its command line.</summary>
    public static SiloProcess Run(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(name, process);
        process.OutputDataReceived += (_, line) => silo.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits for a command to finish; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var patience = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(patience.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no commit, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod, then waits for the graceful shutdown to end.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            using var patience = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(patience.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue($"[{Name}] {line}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

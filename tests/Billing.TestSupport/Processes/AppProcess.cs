using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Billing.TestSupport.Processes;

/// <summary>
/// One of the apps (Billing.Silo, Billing.Web) running as a child process, as operators run it. It can be
/// killed without warning (SIGKILL) or stopped gracefully (SIGTERM), and keeps its console output for failure
/// messages.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    // For a person investigating a run: every line of every app, in a folder of their choice.
    private static readonly string? OutputFolder = Environment.GetEnvironmentVariable("BILLING_APP_OUTPUT") is { Length: > 0 } folder ? folder : null;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public string Output => string.Join(Environment.NewLine, output.TakeLast(60));

    /// <summary>Whether the process has written <paramref name="text"/> to its console at any time.</summary>
    public bool HasLogged(string text) => output.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>The process id, to read what the operating system says of it.</summary>
    public int Id => process.Id;

    /// <summary>The most memory the process has held at once (Linux VmHWM, its peak resident set), in bytes; 0 if unknown.</summary>
    public long PeakWorkingSet => ReadStatus("VmHWM:");

    /// <summary>
    /// Starts <paramref name="assembly"/> (<see cref="RepositoryPaths"/>) with an optional command and <c>--Key=Value</c>
    /// settings; <paramref name="environment"/>, if given, is set in its environment besides what it inherits (a GC
    /// heap limit, say).
    /// </summary>
    public static AppProcess Start(
        string assembly, string name, IEnumerable<KeyValuePair<string, string>> settings, string? command = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Launch(assembly, name, [.. command is null ? [] : new[] { command }, .. settings.Select(setting => $"--{setting.Key}={setting.Value}")], environment);

    /// <summary>Starts <paramref name="assembly"/> with exactly <paramref name="arguments"/> on its command line.</summary>
    public static AppProcess Run(string assembly, string name, params string[] arguments) => Launch(assembly, name, arguments, environment: null);

    private static AppProcess Launch(string assembly, string name, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var app = new AppProcess(name, process);
        process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
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
        if (line is null)
        {
            return;
        }

        output.Enqueue($"[{Name}] {line}");
        if (OutputFolder is not null)
        {
            lock (output)
            {
                File.AppendAllLines(Path.Combine(OutputFolder, $"{Name}.{process.Id}.log"), [line]);
            }
        }
    }

    private long ReadStatus(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(text => text.StartsWith(field, StringComparison.Ordinal));
            // "VmHWM:	  123456 kB"
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

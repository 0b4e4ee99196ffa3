using System.Diagnostics;
using System.Text;

namespace Billing.TestSupport.Processes;

/// <summary>Runs programs the tests need (PostgreSQL's tools, podman, podman-compose, kubectl, …) to completion, in the repository root unless told otherwise.</summary>
public static class CommandLine
{
    /// <summary>Runs <paramref name="fileName"/>; a program that outlives <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<CommandResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var line = string.Join(' ', startInfo.ArgumentList.Prepend(fileName));
        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot run '{fileName}' ({exception.Message}): .ci/run installs the programs the tests run.", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{line}' did not finish within {timeout}:\n{Read(output)}\n{Read(error)}");
        }

        return new CommandResult(line, process.ExitCode, Read(output), Read(error));
    }

    /// <summary>As <see cref="RunAsync"/>, failing with the program's output unless it exits with 0.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var result = await RunAsync(fileName, arguments, timeout, workingDirectory);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException(result.ToString());
    }

    private static void Append(StringBuilder buffer, string? text)
    {
        if (text is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(text);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}

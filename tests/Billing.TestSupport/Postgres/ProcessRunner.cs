using System.Diagnostics;
using System.Text;

namespace Billing.TestSupport.Postgres;

/// <summary>Runs a program to completion within a time limit and fails with its output when it fails.</summary>
internal static class ProcessRunner
{
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
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
            throw new TimeoutException($"'{Describe(startInfo)}' did not finish within {timeout}:\n{Read(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{Describe(startInfo)}' exited with code {process.ExitCode}:\n{Read(output)}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Describe(ProcessStartInfo startInfo) =>
        string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));
}

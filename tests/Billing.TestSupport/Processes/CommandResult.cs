namespace Billing.TestSupport.Processes;

/// <summary>How a program ended: its exit code, and what it wrote to standard output and standard error.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"'{CommandLine}' exited with {ExitCode}\n--- stdout\n{Tail(StandardOutput)}\n--- stderr\n{Tail(StandardError)}";

    // Image builds and compose runs write a lot; the end says what went wrong.
    private static string Tail(string text) => text.Length <= 8000 ? text : "…" + text[^8000..];
}

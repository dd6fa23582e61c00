namespace PolicyArchiver.Cli;

/// <summary>An error to report on stderr with an exit code, without a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

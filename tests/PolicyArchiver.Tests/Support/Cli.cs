using PolicyArchiver.Cli;

namespace PolicyArchiver.Tests.Support;

/// <summary>Runs the real command line in-process and keeps what it printed.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    /// <summary>Runs a command until it ends or <paramref name="ct"/> stops it (for <c>run</c>), on the system clock unless given another.</summary>
    public static async Task<Result> RunAsync(string[] args, CancellationToken ct, TimeProvider? time = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Task.Run(() => CliApp.RunAsync(args, TextWriter.Synchronized(output), TextWriter.Synchronized(error), time ?? TimeProvider.System, ct));
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Task<Result> RunAsync(TempArchive archive, params string[] args) =>
        RunAsync([.. args, "--archive", archive.ArchiveDirectory, "--targets", archive.TargetsFile]);
}

using PolicyArchiver.Cli;

namespace PolicyArchiver.Tests.Support;

/// <summary>Runs the real command line in-process and keeps what it printed.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Task<Result> RunAsync(TempArchive archive, params string[] args) =>
        RunAsync([.. args, "--archive", archive.ArchiveDirectory, "--targets", archive.TargetsFile]);
}

using System.CommandLine;
using PolicyArchiver.Cli;
using PolicyArchiver.Cli.Commands;
using PolicyArchiver.Targets;

namespace PolicyArchiver;

/// <summary>The <c>policyarchiver</c> command line.</summary>
internal static class CliApp
{
    /// <param name="time">The clock every command reads (the system clock in Program.cs, a fake one in tests).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken ct = default)
    {
        var root = new RootCommand("PolicyArchiver — an evidence-grade archive of terms of service and privacy policies, with a registry of every change.");
        root.Options.Add(GlobalOptions.Archive);
        root.Options.Add(GlobalOptions.Targets);
        root.Options.Add(GlobalOptions.TsaUrl);
        root.Options.Add(GlobalOptions.CatalogProvider);
        root.Options.Add(GlobalOptions.CatalogConnectionString);
        root.Options.Add(GlobalOptions.BlobsProvider);
        root.Options.Add(GlobalOptions.BlobsConnectionString);
        root.Options.Add(GlobalOptions.BlobsContainer);
        foreach (var command in Commands(output, error, time)) root.Subcommands.Add(command);
        var parse = root.Parse(args);
        // On SIGTERM or Ctrl+C the command's token is cancelled; in-flight work gets this long to
        // finish or be abandoned cleanly before the process ends.
        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(90) }, ct);
        // An unknown or unparseable option is bad input, as README says (the parser itself answers 1).
        return parse.Errors.Count > 0 ? ExitCodes.BadInput : code;
    }

    private static IEnumerable<Command> Commands(TextWriter output, TextWriter error, TimeProvider time)
    {
        yield return ValidateCommand.Create(Handler(output, error, time));
        yield return CaptureCommand.Create(Handler(output, error, time));
        yield return HistoryCommand.Create(Handler(output, error, time));
        yield return ObservationsCommand.Create(Handler(output, error, time));
        yield return ShowCommand.Create(Handler(output, error, time));
        yield return DiffCommand.Create(Handler(output, error, time));
        yield return ChangesCommand.Create(Handler(output, error, time));
        yield return SearchCommand.Create(Handler(output, error, time));
        yield return ReextractCommand.Create(Handler(output, error, time));
        yield return NoiseCommand.Create(Handler(output, error, time));
        yield return ImportCommand.Create(Handler(output, error, time));
        yield return RunCommand.Create(Handler(output, error, time));
        yield return StatusCommand.Create(Handler(output, error, time));
        yield return VerifyCommand.Create(Handler(output, error, time));
        yield return EvidenceCommand.Create(Handler(output, error, time));
        yield return RotateKeyCommand.Create(Handler(output, error, time));
        yield return ServeCommand.Create(Handler(output, error, time));
        yield return ExportCommand.Create(Handler(output, error, time));
        yield return DiscoverCommand.Create(Handler(output, error, time));
        yield return MigrateArchiveCommand.Create(Handler(output, error, time));
        yield return CoverageCommand.Create(Handler(output, error, time));
        yield return DemoCommand.Create(Handler(output, error, time));
        yield return HealthCommand.Create(Handler(output, error, time));
    }

    /// <summary>Wraps a command body: expected errors become a message and an exit code, not a stack trace.</summary>
    private static Handler Handler(TextWriter output, TextWriter error, TimeProvider time) =>
        body => async (parse, ct) =>
        {
            var context = new CliContext(parse, output, error, time);
            try
            {
                return await body(context, ct);
            }
            catch (CliException e)
            {
                await error.WriteLineAsync($"policyarchiver: {e.Message}");
                return e.ExitCode;
            }
            catch (TargetsException e)
            {
                await error.WriteLineAsync(e.Message);
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await error.WriteLineAsync("policyarchiver: cancelled");
                return 130;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException or Microsoft.Playwright.PlaywrightException
                                       or Npgsql.NpgsqlException or Azure.RequestFailedException)
            {
                // The program could not do its job (Chromium missing, disk full, archive unreadable):
                // say what and where, without a stack trace. Nothing recorded so far is lost.
                await error.WriteLineAsync($"policyarchiver: error: {e.Message}");
                return ExitCodes.Failure;
            }
        };
}

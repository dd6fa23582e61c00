using PolicyArchiver.Evidence.Ledger;
using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class MigrateArchiveCommand
{
    private sealed record ResultJson(string From, string To, long Blobs, long BlobsAlreadyThere, long WarcFiles, long WarcBytes, IReadOnlyDictionary<string, long> Rows, bool Intact, IReadOnlyList<VerificationProblem> Problems);

    public static Command Create(Handler handler)
    {
        var to = new Option<string?>("--to")
        {
            Description = "The target archive directory. Its own appsettings.json says where its catalog and evidence go (PostgreSQL, Azure Blob Storage); without one it is an embedded archive in that directory",
            HelpName = "DIR",
        };
        var command = new Command("migrate-archive", "Copy this archive (the --archive and its configuration) into another, embedded or distributed, keeping every digest, WARC offset, ledger entry and signature; then verify the copy")
        {
            to, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var targetDirectory = context.Parse.GetValue(to) ?? throw new CliException(ExitCodes.BadInput, "--to DIR is required: the archive to copy into");
            var targetSettings = StorageConfiguration.LoadOwn(targetDirectory);
            if (Path.GetFullPath(targetDirectory) == Path.GetFullPath(context.ArchiveDirectory) && targetSettings == context.Storage)
                throw new CliException(ExitCodes.BadInput, "--to names the archive itself");
            using var source = await context.OpenArchiveReadOnlyAsync(ct);
            using var target = await ArchiveFactory.OpenAsync(targetDirectory, targetSettings, context.Time, ct);
            var from = context.Storage.Describe(context.ArchiveDirectory);
            var into = targetSettings.Describe(targetDirectory);
            await context.Error.WriteLineAsync($"migrate-archive: from {from}\n                 to   {into}");
            ArchiveMigrator.Result result;
            try
            {
                result = await new ArchiveMigrator(source, target).CopyAsync(new Progress(context.Error), ct);
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message);
            }
            // The copy carries every checkpoint; one of its own closes the migration like any other write.
            // The copied entries are vouched for by the copied checkpoints, not by this command.
            await CaptureCommand.CheckpointAsync(context, target, await LedgerStart.ReadAsync(target.Catalog, ct), ct);
            await context.Error.WriteLineAsync("migrate-archive: verifying the copy");
            var report = await new ArchiveVerifier(target).VerifyAsync(null, ct);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
                await context.Out.WriteLineAsync(Json.Serialize(new ResultJson(from, into, result.Blobs, result.BlobsAlreadyThere, result.WarcFiles, result.WarcBytes, result.Rows, report.Intact, report.Problems)));
            else
            {
                await context.Out.WriteLineAsync($"copied {result.Blobs} blobs ({result.BlobsAlreadyThere} already there), {result.WarcFiles} WARC files ({result.WarcBytes} bytes), " +
                                                 string.Join(", ", result.Rows.Select(r => $"{r.Value} {r.Key}")));
                await context.Out.WriteLineAsync(report.Intact ? "the copy verifies: intact" : $"the copy does NOT verify: {report.Problems.Count} problem(s)");
                foreach (var p in report.Problems) await context.Out.WriteLineAsync($"  {p.Kind} {p.Location}: {p.Detail}");
            }
            return report.Intact ? ExitCodes.Ok : ExitCodes.Damaged;
        }));
        return command;
    }

    /// <summary>Reported on the copying thread, straight to stderr.</summary>
    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine($"migrate-archive: {value}");
    }
}

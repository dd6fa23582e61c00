using System.CommandLine;
using PolicyArchiver.Evidence;
using PolicyArchiver.Evidence.Bundles;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class EvidenceCommand
{
    /// <summary>The JSON shape of <c>evidence --json</c>: a contract, fields are added, never renamed.</summary>
    /// <param name="Checkpoint">The ledger entry of the signed checkpoint the bundle's chain leads to.</param>
    private sealed record BundleJson(string Document, string File, DateTimeOffset At, int Version, DateTimeOffset CapturedAt, int Observations, int Files, long Checkpoint);

    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var at = new Option<string>("--at") { Description = "The instant to prove (ISO 8601 or day-first dd.mm.yyyy; UTC unless an offset is given)", HelpName = "DATE|INSTANT", Required = true };
        var output = new Option<string>("--out") { Description = "The bundle to write", HelpName = "FILE.zip", Required = true };
        var command = new Command("evidence", "Write a self-contained evidence bundle (zip) for the version in force at an instant, checkable with sha256sum and openssl alone")
        {
            document, at, output, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var instant = InstantOption.Parse(context.Parse.GetValue(at)!, "--at");
            var path = context.Parse.GetValue(output)!;
            using var http = new HttpClient();
            var tsa = context.TsaUrl is { } url ? new TimestampAuthority(http, url) : null;
            var checkpointer = new Checkpointer(archive.Catalog, archive.Key, context.Time, tsa);
            EvidenceBundle.Result? result;
            try
            {
                result = await new EvidenceBundle(archive, checkpointer, context.Time).CreateAsync(key, instant, path, ct);
            }
            catch (UnvouchedHistoryException e)
            {
                throw new CliException(ExitCodes.Damaged, e.Message);
            }
            if (result is null)
            {
                await context.Error.WriteLineAsync($"{key}: no version had been captured at {Format.Time(instant)}; nothing to prove");
                return ExitCodes.Nothing;
            }
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(new BundleJson(key, Path.GetFullPath(path), instant, result.Version.Number, result.Version.CapturedAt.ToUniversalTime(),
                    result.Observations, result.Files.Count, result.Checkpoint.Seq)));
                return ExitCodes.Ok;
            }
            await context.Out.WriteLineAsync(
                $"{path}: {key} version {result.Version.Number} (captured {Format.Time(result.Version.CapturedAt)}), " +
                $"{result.Observations} observation(s), {result.Files.Count} files, chain to checkpoint {result.Checkpoint.Seq}. See evidence/VERIFY.md inside.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

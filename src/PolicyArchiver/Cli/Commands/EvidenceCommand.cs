using System.CommandLine;
using PolicyArchiver.Evidence;
using PolicyArchiver.Evidence.Bundles;
using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Cli.Commands;

internal static class EvidenceCommand
{
    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var at = new Option<string>("--at") { Description = "The instant to prove (ISO 8601; UTC unless an offset is given)", HelpName = "ISO-8601", Required = true };
        var output = new Option<string>("--out") { Description = "The bundle to write", HelpName = "FILE.zip", Required = true };
        var command = new Command("evidence", "Write a self-contained evidence bundle (zip) for the version in force at an instant, checkable with sha256sum and openssl alone")
        {
            document, at, output,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var instant = Format.ParseInstant(context.Parse.GetValue(at)!, "--at");
            var path = context.Parse.GetValue(output)!;
            using var http = new HttpClient();
            var tsa = context.TsaUrl is { } url ? new TimestampAuthority(http, url) : null;
            var checkpointer = new Checkpointer(archive.Catalog, archive.Key, TimeProvider.System, tsa);
            EvidenceBundle.Result? result;
            try
            {
                result = await new EvidenceBundle(archive, checkpointer, TimeProvider.System).CreateAsync(key, instant, path, ct);
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
            await context.Out.WriteLineAsync(
                $"{path}: {key} version {result.Version.Number} (captured {Format.Time(result.Version.CapturedAt)}), " +
                $"{result.Observations} observation(s), {result.Files.Count} files, chain to checkpoint {result.Checkpoint.Seq}. See evidence/VERIFY.md inside.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

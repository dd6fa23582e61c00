using System.CommandLine;

namespace PolicyArchiver.Cli.Commands;

internal static class HistoryCommand
{
    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var command = new Command("history", "The versions of a document, oldest first, with lines added and removed")
        {
            document, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var versions = await archive.Catalog.GetVersionsAsync(key, ct);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(versions.Select(VersionJson.From)));
                return ExitCodes.Ok;
            }
            if (versions.Count == 0) await context.Out.WriteLineAsync($"{key}: no versions yet");
            foreach (var v in versions)
                await context.Out.WriteLineAsync($"v{v.Number,-4} {Format.Time(v.CapturedAt)}  +{v.Added} -{v.Removed}  text {Format.Short(v.TextSha256)}  snapshot {Format.Short(v.SnapshotSha256)}{(v.Technical ? "  (technical: extraction changed, not the document)" : "")}{(v.Ocr ? "  (OCR)" : "")}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

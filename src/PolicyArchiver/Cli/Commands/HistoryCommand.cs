using System.CommandLine;
using PolicyArchiver.Insight;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class HistoryCommand
{
    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var topic = TopicOptions.Filter("versions");
        var command = new Command("history", "The versions of a document, oldest first, with lines added and removed and the topics each change touches")
        {
            document, topic, GlobalOptions.Topics, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var lexicon = await TopicOptions.LoadAsync(context, ct);
            var only = TopicOptions.Requested(context, topic, lexicon);
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var insights = await ArchiveInsight.OfDocumentAsync(archive, key, lexicon, ct);
            ChangeInsight Insight(int version) => insights.TryGetValue(version, out var i) ? i : ChangeInsight.None;
            var versions = (await archive.Catalog.GetVersionsAsync(key, ct))
                .Where(v => only is null || Insight(v.Number).Topics.Contains(only))
                .ToList();
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(versions.Select(v => VersionJson.From(v, Insight(v.Number)))));
                return ExitCodes.Ok;
            }
            if (versions.Count == 0) await context.Out.WriteLineAsync(only is null ? $"{key}: no versions yet" : $"{key}: no change touches {only}");
            foreach (var v in versions)
                await context.Out.WriteLineAsync($"v{v.Number,-4} {Format.Time(v.CapturedAt)}  +{v.Added} -{v.Removed}  text {Format.Short(v.TextSha256)}  snapshot {Format.Short(v.SnapshotSha256)}{(v.Technical ? "  (technical: extraction changed, not the document)" : "")}{(v.Ocr ? "  (OCR)" : "")}{ClauseSummary.Topics(Insight(v.Number).Topics)}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

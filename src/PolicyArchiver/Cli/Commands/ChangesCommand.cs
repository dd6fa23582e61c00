using System.CommandLine;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Cli.Commands;

internal static class ChangesCommand
{
    public static Command Create(Handler handler)
    {
        var document = new Argument<string?>("document")
        {
            Description = "Only this COMPANY/DOCUMENT (default: every archived document)",
            HelpName = "COMPANY/DOCUMENT",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var technical = new Option<bool>("--include-technical") { Description = "Also list technical changes (caused by new extraction rules, not by the company)" };
        var command = new Command("changes", "The change registry: every change between consecutive versions, oldest first")
        {
            document, technical, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenArchiveAsync(ct);
            var keys = context.Parse.GetValue(document) is { } one
                ? [await context.ResolveDocumentAsync(one, archive, ct)]
                : await archive.Catalog.GetDocumentsAsync(ct);
            var changes = new List<Change>();
            var withTechnical = context.Parse.GetValue(technical);
            foreach (var key in keys) changes.AddRange((await archive.Catalog.GetChangesAsync(key, ct)).Where(c => withTechnical || !c.Technical));
            changes.Sort((a, b) => a.At.CompareTo(b.At));
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(changes.Select(ChangeJson.From)));
                return ExitCodes.Ok;
            }
            if (changes.Count == 0) await context.Out.WriteLineAsync("no changes recorded yet");
            foreach (var c in changes)
                await context.Out.WriteLineAsync($"{Format.Time(c.At)}  {c.Document}  v{c.FromVersion} → v{c.ToVersion}  lines +{c.LinesAdded} -{c.LinesRemoved}  words +{c.WordsAdded} -{c.WordsRemoved}{(c.Technical ? "  (technical)" : "")}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

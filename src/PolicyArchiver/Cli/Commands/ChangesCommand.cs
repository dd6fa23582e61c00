using System.CommandLine;
using PolicyArchiver.Insight;
using PolicyArchiver.Storage;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class ChangesCommand
{
    public static Command Create(Handler handler)
    {
        var document = new Argument<string?>("document")
        {
            Description = "Only this COMPANY/DOCUMENT, or every document of COMPANY (default: every archived document)",
            HelpName = "COMPANY[/DOCUMENT]",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var technical = new Option<bool>("--include-technical") { Description = "Also list technical changes (caused by new extraction rules, not by the company)" };
        var topic = TopicOptions.Filter("changes");
        var command = new Command("changes", "The change registry: every change between consecutive versions, oldest first, with the topics it touches")
        {
            document, technical, topic, GlobalOptions.Topics, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var lexicon = await TopicOptions.LoadAsync(context, ct);
            var only = TopicOptions.Requested(context, topic, lexicon);
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var keys = context.Parse.GetValue(document) switch
            {
                null => await archive.Catalog.GetDocumentsAsync(ct),
                var company when !company.Contains('/') => await CompanyDocumentsAsync(company, archive, ct),
                var one => [await context.ResolveDocumentAsync(one, archive, ct)],
            };
            var changes = new List<Change>();
            var withTechnical = context.Parse.GetValue(technical);
            foreach (var key in keys) changes.AddRange((await archive.Catalog.GetChangesAsync(key, ct)).Where(c => withTechnical || !c.Technical));
            changes.Sort((a, b) => a.At.CompareTo(b.At));
            var tagged = new List<(Change Change, IReadOnlyList<string> Topics)>();
            foreach (var c in changes)
            {
                var topics = (await ArchiveInsight.OfAsync(archive, c, lexicon, ct)).Topics;
                if (only is null || topics.Contains(only)) tagged.Add((c, topics));
            }
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(tagged.Select(t => ChangeJson.From(t.Change, t.Topics))));
                return ExitCodes.Ok;
            }
            if (tagged.Count == 0) await context.Out.WriteLineAsync(only is null ? "no changes recorded yet" : $"no recorded change touches {only}");
            foreach (var (c, topics) in tagged)
                await context.Out.WriteLineAsync($"{Format.Time(c.At)}  {c.Document}  v{c.FromVersion} → v{c.ToVersion}  lines +{c.LinesAdded} -{c.LinesRemoved}  words +{c.WordsAdded} -{c.WordsRemoved}{(c.Technical ? "  (technical)" : "")}{ClauseSummary.Topics(topics)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<string>> CompanyDocumentsAsync(string company, Archiving.Archive archive, CancellationToken ct)
    {
        var documents = (await archive.Catalog.GetDocumentsAsync(ct)).Where(d => d.StartsWith(company + "/", StringComparison.Ordinal)).ToList();
        return documents.Count > 0 ? documents
            : throw new CliException(ExitCodes.BadInput, $"\"{company}\": no archived document of that company (give COMPANY or COMPANY/DOCUMENT, e.g. kaspi or kaspi/privacy-policy-ru)");
    }
}

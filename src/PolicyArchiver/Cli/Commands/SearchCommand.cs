using System.CommandLine;
using System.Text;
using PolicyArchiver.Search;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Web;
using PolicyArchiver.Contracts;
using PolicyArchiver.Web.Api;

namespace PolicyArchiver.Cli.Commands;

/// <summary>
/// <c>search QUERY</c>: full-text search over every version of every document, with the filters of
/// <c>changes</c> and <c>/changes</c>. The index is brought up to date first (built on first use).
/// </summary>
internal static class SearchCommand
{
    public static Command Create(Handler handler)
    {
        var query = new Argument<string?>("query")
        {
            Description = "Words (each also matches longer forms: хран finds хранение, дерек finds деректерін) and \"quoted phrases\"",
            HelpName = "QUERY",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var company = new Option<string?>("--company") { Description = "Only this company's documents", HelpName = "ID" };
        var sector = new Option<string?>("--sector") { Description = "Only companies of this sector (as in targets.json)", HelpName = "SECTOR" };
        var type = new Option<string?>("--type") { Description = "Only documents of this type (privacy-policy, terms-of-service, …)", HelpName = "TYPE" };
        var language = new Option<string?>("--language") { Description = "Only documents in this language (kk, ru, en)", HelpName = "kk|ru|en" };
        var from = new Option<string?>("--from") { Description = "Only versions in force at or after this date or instant (2024-05-01 or 01.05.2024)", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Only versions in force up to this date (the whole day) or instant", HelpName = "DATE" };
        var limit = new Option<int>("--limit") { Description = "At most this many documents", DefaultValueFactory = _ => 50, HelpName = "N" };
        var reindex = new Option<bool>("--reindex") { Description = "Build the search index again from scratch first (without QUERY: only rebuild it)" };
        var command = new Command("search", "Full-text search over every version of every document: where a word or phrase is, and the change that brought or removed it")
        {
            query, company, sector, type, language, from, to, limit, reindex, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var text = context.Parse.GetValue(query);
            var parsed = SearchQuery.Parse(text);
            var rebuild = context.Parse.GetValue(reindex);
            if (parsed is null && !(rebuild && string.IsNullOrWhiteSpace(text)))
                throw new CliException(ExitCodes.BadInput, text is null
                    ? "give QUERY: words or \"quoted phrases\" to look for (or --reindex alone to rebuild the index)"
                    : $"QUERY \"{text}\": no word to look for");
            var filter = new ChangeFilter(context.Parse.GetValue(company), context.Parse.GetValue(sector), context.Parse.GetValue(type),
                context.Parse.GetValue(language), null, context.Parse.GetValue(from), context.Parse.GetValue(to), false);
            if (filter.From is { } f && !Instant.TryParse(f, out _)) throw new CliException(ExitCodes.BadInput, $"--from \"{f}\": {Instant.NotOne}");
            if (filter.To is { } t && !Instant.TryParseThrough(t, out _)) throw new CliException(ExitCodes.BadInput, $"--to \"{t}\": {Instant.NotOne}");
            var most = context.Parse.GetValue(limit);
            if (most < 1) throw new CliException(ExitCodes.BadInput, $"--limit {most}: a whole number from 1");

            using var archive = await context.OpenExistingArchiveAsync(ct);
            var targets = await TryLoadTargetsAsync(context, ct);
            var reader = new ArchiveReader(archive, () => targets);
            var progress = new SearchIndexProgress(context.Error, reportFrom: 1);
            if (rebuild)
            {
                var rebuilt = await ArchiveSearch.UpdateAsync(reader, rebuild: true, progress, ct);
                if (parsed is null)
                {
                    await context.Out.WriteLineAsync(context.Parse.GetValue(GlobalOptions.JsonOutput)
                        ? Json.Serialize(new { indexed = rebuilt.Indexed })
                        : $"search index rebuilt: {rebuilt.Indexed} version(s)");
                    return ExitCodes.Ok;
                }
            }
            var page = await ArchiveSearch.FindAsync(reader, parsed!, filter, 0, most, progress, ct);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(page.Found.Select(SearchHitJson.From)));
                return ExitCodes.Ok;
            }
            if (page.Total == 0)
            {
                await context.Out.WriteLineAsync($"no match for {parsed!.Text}");
                return ExitCodes.Ok;
            }
            foreach (var found in page.Found) await context.Out.WriteAsync(Describe(found));
            await context.Out.WriteLineAsync(page.Total > page.Found.Count
                ? $"{page.Total} documents match; the first {page.Found.Count} are shown (--limit)"
                : $"{page.Total} document(s) match");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A found document as text: what it is, the versions, each span with its changes, and the snippet with the matches between ** and **.</summary>
    private static string Describe(FoundDocument found)
    {
        var hit = found.Hit;
        var text = new StringBuilder();
        text.Append(hit.Document).Append("  (").Append(found.Company.Name).Append(", ").Append(found.Document.Type).Append(", ").Append(found.Document.Language).AppendLine(")");
        text.Append("  versions: ").AppendJoin(", ", hit.Versions.Select(v => $"v{v.Number} ({Format.Time(v.ValidFrom)} → {(v.ValidUntil is { } u ? Format.Time(u) : "now")})")).AppendLine();
        foreach (var span in hit.Spans)
        {
            text.Append("  ").Append(span.AppearedBy is { } by ? $"appeared in v{span.AppearedIn} (change {by}, {Format.Time(span.AppearedAt)})" : $"present since the first version (v{span.AppearedIn}, {Format.Time(span.AppearedAt)})");
            text.AppendLine(span.DisappearedIn is { } gone ? $"; disappeared in v{gone} (change {span.DisappearedBy}, {Format.Time(span.DisappearedAt!.Value)})" : "; still in the latest version");
        }
        if (hit.Snippet is { } snippet)
        {
            var marked = new StringBuilder(snippet.Text);
            foreach (var h in snippet.Highlights.OrderByDescending(h => h.Start)) marked.Insert(h.Start + h.Length, "**").Insert(h.Start, "**");
            text.Append("  v").Append(snippet.Version).Append(": ").AppendLine(marked.ToString());
        }
        return text.AppendLine().ToString();
    }

    /// <summary>An unreadable targets file does not stop a search: documents are then described from the archive alone.</summary>
    internal static async Task<TargetList?> TryLoadTargetsAsync(CliContext context, CancellationToken ct)
    {
        try
        {
            return await context.LoadTargetsAsync(ct);
        }
        catch (TargetsException)
        {
            return null;
        }
    }
}

/// <summary>
/// Progress of a search index build on stderr, written on the indexing thread: <c>search index: N/M
/// versions</c> per committed batch, once at least <c>reportFrom</c> versions are missing.
/// </summary>
internal sealed class SearchIndexProgress(TextWriter error, int reportFrom) : IProgress<IndexProgress>
{
    public void Report(IndexProgress value)
    {
        if (value.Missing < reportFrom || value.Missing == 0) return;
        error.WriteLine(value.Indexed == 0 ? $"search index: {value.Missing} version(s) to index…" : $"search index: {value.Indexed}/{value.Missing} versions");
    }
}

using System.CommandLine;
using PolicyArchiver.Changes;
using PolicyArchiver.Insight;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class DiffCommand
{
    /// <summary>The JSON shape of <c>diff --json</c>: a contract, fields are added, never renamed.</summary>
    /// <param name="Diff">The unified diff, or the word-level one with <c>--words</c>, as the command prints it.</param>
    private sealed record DiffJson(string Document, int FromVersion, int ToVersion, DateTimeOffset FromCapturedAt, DateTimeOffset ToCapturedAt,
        IReadOnlyList<string> Topics, IReadOnlyList<ClauseJson> Clauses, string Diff);

    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var from = new Option<int?>("--from") { Description = "Older version (default: the one before --to)", HelpName = "N" };
        var to = new Option<int?>("--to") { Description = "Newer version (default: the latest)", HelpName = "N" };
        var words = new Option<bool>("--words") { Description = "Show changed lines with word-level marks [-removed-]{+added+} instead of a unified diff" };
        var command = new Command("diff", "Clause changes with their topics, then the unified diff, between two versions of a document (default: the last two)")
        {
            document, from, to, words, GlobalOptions.Topics, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var lexicon = await TopicOptions.LoadAsync(context, ct);
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var latest = await archive.Catalog.GetLatestVersionAsync(key, ct);
            var toNumber = context.Parse.GetValue(to) ?? latest?.Number ?? 0;
            var fromNumber = context.Parse.GetValue(from) ?? toNumber - 1;
            if (latest is null || latest.Number < 2 && context.Parse.GetValue(from) is null)
            {
                await context.Error.WriteLineAsync($"{key}: {(latest is null ? "no versions" : "only one version")} yet, nothing to compare");
                return ExitCodes.Nothing;
            }
            var older = await archive.Catalog.GetVersionAsync(key, fromNumber, ct)
                        ?? throw new CliException(ExitCodes.BadInput, $"--from {fromNumber}: {key} has versions 1 to {latest.Number}");
            var newer = await archive.Catalog.GetVersionAsync(key, toNumber, ct)
                        ?? throw new CliException(ExitCodes.BadInput, $"--to {toNumber}: {key} has versions 1 to {latest.Number}");
            var oldText = await archive.ReadTextAsync(older, ct);
            var newText = await archive.ReadTextAsync(newer, ct);
            // What changed clause by clause first (researchers cite clauses), then the lines as diff prints them.
            var insight = ChangeInsight.Of(oldText, newText, lexicon);
            var output = context.Parse.GetValue(words)
                ? TextDiff.WordLevel(oldText, newText)
                : TextDiff.Unified(oldText, newText,
                    $"{key} v{older.Number} ({Format.Time(older.CapturedAt)})",
                    $"{key} v{newer.Number} ({Format.Time(newer.CapturedAt)})");
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(new DiffJson(key, older.Number, newer.Number, older.CapturedAt.ToUniversalTime(), newer.CapturedAt.ToUniversalTime(),
                    insight.Topics, insight.Clauses.Select(ClauseJson.Of).ToList(), output)));
                return ExitCodes.Ok;
            }
            foreach (var line in ClauseSummary.Lines(insight)) await context.Out.WriteLineAsync(line);
            if (insight.Clauses.Count > 0) await context.Out.WriteLineAsync();
            await context.Out.WriteAsync(output);
            return ExitCodes.Ok;
        }));
        return command;
    }
}

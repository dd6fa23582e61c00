using PolicyArchiver.Evidence.Ledger;
using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Contracts;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Cli.Commands;

internal static class ReextractCommand
{
    private sealed record ReextractJson(string Document, int? Version, int? TechnicalVersion, int? LinesAdded, int? LinesRemoved, int? VolatileSpans,
        int? RebuiltVersions);

    public static Command Create(Handler handler)
    {
        var history = new Option<bool>("--history")
        {
            Description = "Also derive each document's whole history again under the current rules, canonical form and learned noise, as a new generation (the earlier one stays)",
        };
        var command = new Command("reextract", "Re-read each document's latest snapshot under the current extraction rules; a different text is recorded as a technical version, never as a change")
        {
            CaptureCommand.Only, GlobalOptions.JsonOutput, history,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var targets = await context.LoadTargetsAsync(ct);
            var documents = CaptureCommand.Select(targets, context.Parse.GetValue(CaptureCommand.Only));
            using var archive = await context.OpenArchiveAsync(ct);
            var start = await LedgerStart.ReadAsync(archive.Catalog, ct);
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);
            var outcomes = await new Reextractor(archive, context.Time).ReextractAsync(documents, ct, context.Parse.GetValue(history));
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);
            await SearchIndexHook.KeepUpAsync(context, archive, targets, ct);
            var rows = outcomes.Select(o => new ReextractJson(o.Document, o.Before?.Number, o.Technical?.Number, o.Technical?.Added, o.Technical?.Removed,
                o.VolatileSpans, o.Rebuilt?.Count)).ToList();
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(rows));
                return ExitCodes.Ok;
            }
            foreach (var r in rows)
            {
                await context.Out.WriteLineAsync(r.Version is null ? $"{r.Document}: no version yet"
                    : r.TechnicalVersion is null ? $"{r.Document}: v{r.Version} unchanged under the current rules"
                    : $"{r.Document}: technical version v{r.TechnicalVersion} (+{r.LinesAdded} -{r.LinesRemoved} lines from v{r.Version})");
                if (r.VolatileSpans is { } spans) await context.Out.WriteLineAsync($"  noise learned from its history: {spans} volatile span(s)");
                if (r.RebuiltVersions is { } n) await context.Out.WriteLineAsync($"  history derived again: {n} version(s), recorded as a new generation");
            }
            await context.Out.WriteLineAsync($"{rows.Count(r => r.TechnicalVersion is not null)} technical version(s) recorded; snapshots untouched");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

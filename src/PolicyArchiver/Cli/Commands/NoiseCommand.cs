using System.CommandLine;
using PolicyArchiver.Versioning;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

/// <summary><c>noise DOC</c>: the volatile spans the archive learned from a document's history and ignores when deciding versions.</summary>
internal static class NoiseCommand
{
    private sealed record NoiseJson(string Document, string Place, IReadOnlyList<string> Examples, int Changes, DateTimeOffset Since, DateTimeOffset LastSeen,
        bool Confirmed);

    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var command = new Command("noise",
            "The volatile spans learned from a document's history (tokens, timestamps, rotating banners…), which do not make versions; ⟨*⟩ marks the span among the words around it")
        {
            document, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var model = await new NoiseStore(archive.Blobs, archive.Catalog, archive.Catalog).LoadAsync(key, ct);
            var rows = model.VolatileSpans.OrderBy(s => s.Since)
                .Select(s => new NoiseJson(key, s.Context, s.Values.AsEnumerable().Reverse().Take(4).ToList(), s.Changes, s.Since, s.LastSeen, s.Confirmed)).ToList();
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(rows));
                return ExitCodes.Ok;
            }
            await context.Out.WriteLineAsync(rows.Count == 0
                ? $"{key}: no volatile span learned ({model.Pairs} consecutive captures compared)"
                : $"{key}: {rows.Count} volatile span(s) learned from {model.Pairs} consecutive captures; differences there make no version");
            foreach (var r in rows)
                await context.Out.WriteLineAsync(
                    $"  {r.Place}\n    since {Format.Time(r.Since)}, changed {r.Changes} time(s){(r.Confirmed ? ", also between two fetches moments apart" : "")}; e.g. {string.Join(" | ", r.Examples.Select(e => $"«{e}»"))}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

using PolicyArchiver.Evidence.Ledger;
using System.CommandLine;
using PolicyArchiver.Importing;
using PolicyArchiver.Targets;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class ImportCommand
{
    private sealed record ImportJson(int Records, int Matched, IReadOnlyList<string> Unmatched, IReadOnlyDictionary<string, int> Observations,
        IReadOnlyList<string> Rebuilt, double Seconds, double RecordsPerSecond);

    public static Command Create(Handler handler)
    {
        var files = new Argument<string[]>("files") { Description = "WARC files (.warc or .warc.gz) from any archive", Arity = ArgumentArity.ZeroOrMore, HelpName = "FILE.warc[.gz]" };
        var manifest = new Option<string?>("--manifest") { Description = "JSON Lines of loose files: {\"file\", \"document\" or \"url\", \"capturedAt\"}", HelpName = "FILE.jsonl" };
        var command = new Command("import", "Import captures made elsewhere (WARC records, hand-saved files) into the history, in date order; they stay marked as imported")
        {
            files, manifest, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var paths = context.Parse.GetValue(files) ?? [];
            var manifestPath = context.Parse.GetValue(manifest);
            if (paths.Length == 0 && manifestPath is null) throw new CliException(ExitCodes.BadInput, "give WARC files to import, or --manifest FILE.jsonl");
            var targets = await context.LoadTargetsAsync(ct);
            var byUrl = targets.Documents.GroupBy(d => UrlKey.Of(d.Url.AbsoluteUri)!).ToDictionary(g => g.Key, g => (IReadOnlyList<Document>)g.ToList());

            foreach (var path in paths)
                if (!File.Exists(path)) throw new CliException(ExitCodes.BadInput, $"{path}: file not found");
            var loose = new List<(ImportRecord, IReadOnlyList<Document>)>();
            if (manifestPath is not null)
            {
                IReadOnlyList<ImportManifest.Entry> entries;
                try
                {
                    entries = ImportManifest.Read(manifestPath);
                }
                catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
                {
                    throw new CliException(ExitCodes.BadInput, e.Message);
                }
                foreach (var entry in entries)
                {
                    var docs = entry.Document is { } key
                        ? targets.Find(key) is { } d ? [d] : throw new CliException(ExitCodes.BadInput, $"{manifestPath}: unknown document \"{key}\"")
                        : UrlKey.Of(entry.Record.Url) is { } urlKey && byUrl.TryGetValue(urlKey, out var found) ? found : [];
                    loose.Add((entry.Record, docs));
                }
            }

            // The WARC files are read as the import goes, record by record: nothing is recorded until every file has been read whole.
            IEnumerable<(ImportRecord, IReadOnlyList<Document>)> Records()
            {
                var read = 0;
                foreach (var path in paths)
                {
                    using var warc = ForeignWarc.Read(path).GetEnumerator();
                    while (true)
                    {
                        try
                        {
                            if (!warc.MoveNext()) break;
                        }
                        catch (InvalidDataException e)
                        {
                            throw new CliException(ExitCodes.BadInput, $"{path}: not a readable WARC file: {e.Message}");
                        }
                        var record = warc.Current;
                        if (++read % 500 == 0) context.Error.WriteLine($"read {read} capture record(s)…");
                        yield return (record, UrlKey.Of(record.Url) is { } key && byUrl.TryGetValue(key, out var docs) ? docs : []);
                    }
                    context.Error.WriteLine($"read {path}: {read} capture record(s) so far");
                }
                foreach (var item in loose) yield return item;
            }

            using var archive = await context.OpenArchiveAsync(ct);
            var start = await LedgerStart.ReadAsync(archive.Catalog, ct);
            // A history the Checkpointer cannot vouch for stops the import before it records anything.
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);
            var report = await new Importer(archive).ImportAsync(Records(), ct);
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);
            await SearchIndexHook.KeepUpAsync(context, archive, targets, ct);
            var seconds = report.Elapsed.TotalSeconds;
            var json = new ImportJson(report.Records, report.Matched, report.Unmatched, report.Observations, report.Rebuilt, seconds, seconds > 0 ? report.Records / seconds : 0);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(json));
                return ExitCodes.Ok;
            }
            await context.Out.WriteLineAsync($"{report.Records} record(s), {report.Matched} matched a document, in {seconds:0.0} s ({json.RecordsPerSecond:0} records/s)");
            foreach (var (document, n) in report.Observations) await context.Out.WriteLineAsync($"  {document}: {n} imported observation(s){(report.Rebuilt.Contains(document) ? ", history derived again in date order" : "")}");
            foreach (var url in report.Unmatched.Take(20)) await context.Out.WriteLineAsync($"  not in targets.json: {url}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

using System.Diagnostics;
using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Importing;

/// <summary>
/// Feeds captures made elsewhere through the pipeline: each becomes an observation (marked
/// imported, with its source) with its snapshot, in date order, and each document's history is
/// then derived again in date order — also when the imports are older than what the archive holds.
/// </summary>
public sealed class Importer(Archive archive)
{
    public sealed record Report(int Records, int Matched, IReadOnlyList<string> Unmatched, IReadOnlyDictionary<string, int> Observations,
        IReadOnlyList<string> Rebuilt, TimeSpan Elapsed);

    /// <param name="records">Each record with the documents it belongs to (one URL may serve several documents).</param>
    public async Task<Report> ImportAsync(IReadOnlyList<(ImportRecord Record, IReadOnlyList<Document> Documents)> records, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var perDocument = new Dictionary<string, (Document Document, List<ImportRecord> Records)>();
        foreach (var (record, documents) in records)
            foreach (var document in documents)
            {
                if (!perDocument.TryGetValue(document.Key, out var entry)) perDocument[document.Key] = entry = (document, []);
                entry.Records.Add(record);
            }

        var counts = new Dictionary<string, int>();
        var rebuilder = new HistoryRebuilder(archive);
        var rebuilt = new List<string>();
        foreach (var (key, (document, list)) in perDocument.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var added = 0;
            var pending = new List<ImportRecord>();
            foreach (var record in list.OrderBy(r => r.At))
                // Importing the same file twice adds nothing: a source is recorded once per document.
                if (!await archive.Catalog.HasSourceAsync(key, record.Source, ct)) pending.Add(record);
            // Extraction is the costly part and independent per record: done in parallel, recorded in date order.
            var prepared = new Prepared[pending.Count];
            // Archives often hold the same bytes many times (a page unchanged between crawls): each is read once.
            var readings = new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<Reading>>>();
            // Each record also waits on two blob writes made durable (fsync): more workers than cores keep the cores busy meanwhile.
            await Parallel.ForAsync(0, pending.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount * 4 },
                async (i, token) => prepared[i] = await PrepareAsync(document, pending[i], readings, token));
            for (var i = 0; i < pending.Count; i++)
            {
                await RecordAsync(document, pending[i], prepared[i], ct);
                if (prepared[i].Snapshot is { } snap) rebuilder.Texts[(snap.BodySha256, null)] = (prepared[i].TextSha!, prepared[i].Text!, prepared[i].Ocr);
                added++;
            }
            counts[key] = added;
            if (await rebuilder.RebuildAsync(document, $"imported {added} capture(s)", ct) is not null) rebuilt.Add(key);
            rebuilder.Texts.Clear();
        }
        var unmatched = records.Where(r => r.Documents.Count == 0).Select(r => r.Record.Url).Distinct().ToList();
        return new Report(records.Count, records.Count - records.Count(r => r.Documents.Count == 0), unmatched, counts, rebuilt, clock.Elapsed);
    }

    private sealed record Prepared(string Outcome, string? Detail, CapturedSnapshot? Snapshot, string? TextSha, string? Text, bool Ocr);

    /// <summary>A record's text and whether it is the document, the same for every record of the same bytes, address and headers.</summary>
    private sealed record Reading(string Text, bool Ocr, BlockVerdict Verdict);

    /// <summary>What a record becomes: its outcome, and for an ok one its stored snapshot and text.</summary>
    private async Task<Prepared> PrepareAsync(Document document, ImportRecord record, System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<Reading>>> readings,
        CancellationToken ct)
    {
        var outcome = record.Status switch
        {
            >= 200 and < 300 => Outcome.Ok,
            404 or 410 => Outcome.NotFound,
            _ => Outcome.HttpError,
        };
        if (outcome != Outcome.Ok) return new Prepared(outcome, null, null, null, null, false);
        var bodySha = Hashing.Sha256Hex(record.Body);
        var key = string.Join('\n', bodySha, record.Url, record.ContentType, string.Join('\n', record.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {h.Value}")));
        var (text, ocr, verdict) = await readings.GetOrAdd(key, _ => new Lazy<Task<Reading>>(() => ReadAsync(document, record, ct))).Value;
        if (verdict.Blocked) return new Prepared(Outcome.Blocked, verdict.Detail, null, null, null, false);
        await archive.Blobs.PutAsync(record.Body, ct);
        var (contentType, charset) = BodyKind.Of(record.Body, record.ContentType);
        var snapshot = new CapturedSnapshot(bodySha, record.Body.LongLength, contentType, charset, record.Status, record.Url.Length > 0 ? record.Url : document.Url.AbsoluteUri,
            record.Headers, null, null);
        var textSha = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text), ct);
        // What an ok page carries (a detection script, a captcha badge) is said beside where it came from.
        return new Prepared(Outcome.Ok, verdict.Detail is { } carries ? $"imported ({record.Source}); {carries}" : null, snapshot, textSha, text, ocr);
    }

    private static async Task<Reading> ReadAsync(Document document, ImportRecord record, CancellationToken ct)
    {
        var (text, ocr) = await Extractor.ExtractAsync(document, record.Body, record.ContentType, null, Uri.TryCreate(record.Url, UriKind.Absolute, out var u) ? u : document.Url, ct);
        return new Reading(text, ocr, BlockDetector.Judge(document, PageContent.Of(record.Headers, record.Body, null, text, document.Url, null)));
    }

    private async Task RecordAsync(Document document, ImportRecord record, Prepared prepared, CancellationToken ct)
    {
        var url = record.Url.Length > 0 ? record.Url : document.Url.AbsoluteUri;
        await archive.Catalog.RecordAsync(new CaptureRecord(document.Key, record.At, prepared.Outcome, record.Status, url, url,
            prepared.Detail ?? $"imported ({record.Source})", 1, 0, prepared.Snapshot, null, [], record.Source), ct);
    }
}

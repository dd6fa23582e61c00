using System.Collections.Concurrent;
using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Importing;

/// <summary>
/// Feeds captures made elsewhere through the pipeline: each becomes an observation (marked
/// imported, with its source) with its snapshot, in date order, and each document's history is
/// then derived again in date order — also when the imports are older than what the archive holds.
/// </summary>
internal sealed class Importer(Archive archive)
{
    /// <summary>
    /// Each distinct text once, by digest: thousands of captures of a policy mostly read the same
    /// text, and all of them are held until they are recorded.
    /// </summary>
    private readonly ConcurrentDictionary<string, string> _texts = new();

    private readonly SnapshotStore _snapshots = new(archive.Blobs, archive.Catalog);

    public sealed record Report(int Records, int Matched, IReadOnlyList<string> Unmatched, IReadOnlyDictionary<string, int> Observations,
        IReadOnlyList<string> Rebuilt, TimeSpan Elapsed);

    /// <param name="records">
    /// Each record with the documents it belongs to (one URL may serve several documents). They are
    /// read as they come: a record's bytes are kept only until its snapshot is stored, so an archive
    /// of gigabytes imports in the memory of a few records.
    /// </param>
    public async Task<Report> ImportAsync(IEnumerable<(ImportRecord Record, IReadOnlyList<Document> Documents)> records, CancellationToken ct)
    {
        var started = archive.Time.GetTimestamp();
        var (count, matched) = (0, 0);
        var unmatched = new List<string>();
        var perDocument = new ConcurrentDictionary<string, (Document Document, ConcurrentQueue<Pending> Pending)>();
        var seen = new ConcurrentDictionary<(string Document, string Source), bool>();
        // Archives often hold the same bytes many times (a page unchanged between crawls): each page is read once.
        var readings = new ConcurrentDictionary<string, Lazy<Task<Reading[]>>>();

        IEnumerable<(long Sequence, ImportRecord Record, IReadOnlyList<Document> Documents)> Numbered()
        {
            foreach (var (record, documents) in records)
            {
                count++;
                if (documents.Count == 0)
                {
                    if (!unmatched.Contains(record.Url)) unmatched.Add(record.Url);
                    continue;
                }
                matched++;
                yield return (count, record, documents);
            }
        }

        // Reading the records, extracting their text and storing their blobs are independent per record:
        // done in parallel while the files are still being read. Each record also waits on blob writes made
        // durable (fsync): more workers than cores keep the cores busy meanwhile.
        await Parallel.ForEachAsync(Numbered(), new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount * 2 },
            async (item, token) =>
            {
                var (sequence, record, documents) = item;
                var fresh = new List<Document>();
                foreach (var document in documents)
                {
                    perDocument.GetOrAdd(document.Key, _ => (document, new ConcurrentQueue<Pending>()));
                    // Importing the same file twice adds nothing: a source is recorded once per document.
                    if (seen.TryAdd((document.Key, record.Source), true) && !await archive.Catalog.HasSourceAsync(document.Key, record.Source, token))
                        fresh.Add(document);
                }
                if (fresh.Count == 0) return;
                var prepared = await PrepareAsync(fresh, record, readings, token);
                for (var i = 0; i < fresh.Count; i++)
                    perDocument[fresh[i].Key].Pending.Enqueue(new Pending(sequence, record.Url.Length > 0 ? record.Url : fresh[i].Url.AbsoluteUri, record.At,
                        record.Status, record.Source, prepared[i]));
            });
        // Each document's captures are recorded in date order and its history then derived again;
        // documents are independent of each other, so one's derivation runs while another is recorded.
        var counts = new ConcurrentDictionary<string, int>();
        var rebuilt = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(perDocument, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (entry, token) =>
            {
                var (document, queue) = entry.Value;
                var pending = queue.OrderBy(p => p.At).ThenBy(p => p.Sequence).ToList();
                // A document's imports are recorded in one transaction: they all land, or none does.
                await archive.Catalog.RecordAllAsync(pending.Select(p => new CaptureRecord(document.Key, p.At, p.Prepared.Outcome, p.Status, p.Url, p.Url,
                    p.Prepared.Detail ?? $"imported ({p.Source})", 1, 0, p.Prepared.Snapshot, null, [], p.Source)).ToList(), token);
                var rebuilder = new HistoryRebuilder(archive);
                foreach (var p in pending)
                    if (p.Prepared.Snapshot is { } snap) rebuilder.Texts[(snap.BodySha256, null)] = (p.Prepared.TextSha!, p.Prepared.Text!, p.Prepared.Ocr);
                counts[entry.Key] = pending.Count;
                if (await rebuilder.RebuildAsync(document, $"imported {pending.Count} capture(s)", token) is not null) rebuilt.Add(entry.Key);
            });
        return new Report(count, matched, unmatched, new SortedDictionary<string, int>(counts, StringComparer.Ordinal), rebuilt.Order(StringComparer.Ordinal).ToList(),
            archive.Time.GetElapsedTime(started));
    }

    /// <summary>A record waiting to be recorded for one document, without its bytes (they are stored already).</summary>
    private sealed record Pending(long Sequence, string Url, DateTimeOffset At, int Status, string Source, Prepared Prepared);

    private sealed record Prepared(Outcome Outcome, string? Detail, CapturedSnapshot? Snapshot, string? TextSha, string? Text, bool Ocr);

    /// <summary>One document's text of a page and whether the page is the document, with the text's stored digest.</summary>
    private sealed record Reading(string Text, string TextSha, bool Ocr, BlockVerdict Verdict);

    /// <summary>What a record becomes for each of its documents: its outcome, and for an ok one its stored snapshot and text.</summary>
    private async Task<Prepared[]> PrepareAsync(IReadOnlyList<Document> documents, ImportRecord record, ConcurrentDictionary<string, Lazy<Task<Reading[]>>> readings,
        CancellationToken ct)
    {
        var outcome = Outcomes.OfHttpStatus(record.Status, displayed: false);
        if (outcome != Outcome.Ok) return documents.Select(_ => new Prepared(outcome, null, null, null, null, false)).ToArray();
        var bodySha = Hashing.Sha256Hex(record.Body);
        var key = string.Join('\n', bodySha, record.Url, record.ContentType, string.Join(",", documents.Select(d => d.Key)),
            string.Join('\n', record.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {h.Value}")));
        // Read on a task of its own: a worker that wants the same page awaits it instead of blocking a thread.
        var page = await readings.GetOrAdd(key, _ => new Lazy<Task<Reading[]>>(() => Task.Run(() => ReadAsync(documents, record, ct), ct))).Value;

        CapturedSnapshot? snapshot = null;
        if (page.Any(r => !r.Verdict.Blocked))
        {
            snapshot = await _snapshots.StoreAsync(documents[0].Key, record.Body, record.ContentType, record.Status,
                record.Url.Length > 0 ? record.Url : documents[0].Url.AbsoluteUri, record.Headers, ct);
        }
        return page.Select(r => r.Verdict.Blocked
                ? new Prepared(Outcome.Blocked, r.Verdict.Detail, null, null, null, false)
                // What an ok page carries (a detection script, a captcha badge) is said beside where it came from.
                : new Prepared(Outcome.Ok, r.Verdict.Detail is { } carries ? $"imported ({record.Source}); {carries}" : null, snapshot, r.TextSha, r.Text, r.Ocr))
            .ToArray();
    }

    /// <summary>The page read once for all the documents it serves: decoded once, parsed once, judged for each.</summary>
    private async Task<Reading[]> ReadAsync(IReadOnlyList<Document> documents, ImportRecord record, CancellationToken ct)
    {
        var url = Uri.TryCreate(record.Url, UriKind.Absolute, out var u) ? u : documents[0].Url;
        var content = PageContent.Of(record.Headers, record.Body, null, "", documents[0].Url, null);
        var texts = await Extractor.ExtractAsync(documents, record.Body, record.ContentType, content.Html, url, ct);
        var readings = new Reading[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            var (text, ocr) = texts[i];
            var verdict = BlockDetector.Judge(documents[i], content with { Text = text, Requested = documents[i].Url });
            var textSha = verdict.Blocked ? "" : await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text), ct);
            readings[i] = new Reading(verdict.Blocked ? text : _texts.GetOrAdd(textSha, text), textSha, ocr, verdict);
        }
        return readings;
    }
}

using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Search;

/// <summary>How far a build of the search index is: versions indexed so far out of those it found missing.</summary>
internal sealed record IndexProgress(int Indexed, int Missing);

/// <summary>What bringing the index up to date did.</summary>
/// <param name="UpToDate">Nothing was recorded since the last update: the catalog was not even listed.</param>
/// <param name="Listed">The documents whose versions were listed to find what is missing: all of them, or only those the ledger shows recorded since.</param>
internal sealed record IndexUpdate(int Indexed, int Removed, bool UpToDate, int Listed = 0);

/// <summary>
/// Brings the search index up to date with the catalog, incrementally: it indexes only the versions
/// it does not hold yet (by document, number, text digest and capture instant), and drops those of a
/// history that was rebuilt since. Batches of <see cref="BatchSize"/> versions are committed one by
/// one, so a first build that is interrupted continues from its last batch the next time.
/// </summary>
/// <param name="batchSize">Versions committed together (<see cref="BatchSize"/> unless a test wants small batches).</param>
internal sealed class SearchIndexer(Archive archive, ISearchIndex index, Func<string, string> languageOf, int batchSize = SearchIndexer.BatchSize)
{
    public const int BatchSize = 200;

    /// <summary>
    /// Updates the index. Cheap when nothing is new: every version, observation and checkpoint adds
    /// a ledger entry, so an unchanged ledger head means an unchanged catalog.
    /// </summary>
    public async Task<IndexUpdate> UpdateAsync(IProgress<IndexProgress>? progress = null, CancellationToken ct = default)
    {
        var head = await archive.Catalog.GetLedgerHeadAsync(ct);
        var watermark = head is null ? "empty" : $"{head.Seq}:{head.Hash}";
        var stored = await index.GetWatermarkAsync(ct);
        if (stored == watermark) return new IndexUpdate(0, 0, UpToDate: true);

        var changed = await RecordedSinceAsync(stored, head, ct);
        var documents = changed ?? await archive.Catalog.GetDocumentsAsync(ct);
        var held = (changed is null ? await index.GetIndexedAsync(ct) : await index.VersionsOfAsync(changed, ct)).ToDictionary(v => (v.Document, v.Number));
        var missing = new List<IndexedVersion>();
        var current = new HashSet<(string, int)>();
        foreach (var document in documents)
        {
            foreach (var version in await archive.Catalog.GetVersionsAsync(document, ct))
            {
                var wanted = new IndexedVersion(document, version.Number, version.TextSha256, version.CapturedAt);
                current.Add((document, version.Number));
                if (held.TryGetValue((document, version.Number), out var h) && h == wanted) continue;
                missing.Add(wanted);
            }
        }
        // A version held under another text (a rebuilt history) or no longer current goes first.
        var replaced = missing.Select(m => (m.Document, m.Number)).ToHashSet();
        var stale = held.Values.Where(h => !current.Contains((h.Document, h.Number)) || replaced.Contains((h.Document, h.Number))).ToList();
        if (stale.Count > 0) await index.RemoveAsync(stale, ct);

        var indexed = 0;
        progress?.Report(new IndexProgress(0, missing.Count));
        foreach (var batch in missing.Chunk(batchSize))
        {
            var analysed = new List<AnalysedVersion>(batch.Length);
            foreach (var v in batch)
            {
                var text = System.Text.Encoding.UTF8.GetString(await archive.Blobs.GetAsync(v.TextSha256, ct));
                var language = languageOf(v.Document);
                analysed.Add(new AnalysedVersion(v, language, TextAnalyzer.Analyze(text, language).Select(t => t.Stem).ToList()));
            }
            await index.AddAsync(analysed, ct);
            indexed += batch.Length;
            progress?.Report(new IndexProgress(indexed, missing.Count));
        }
        await index.SetWatermarkAsync(watermark, ct);
        return new IndexUpdate(indexed, stale.Count, UpToDate: false, documents.Count);
    }

    /// <summary>Past this many ledger entries since the last update, listing every document is as cheap as reading them.</summary>
    internal const int MostEntriesRead = 50_000;

    /// <summary>
    /// The documents that got a version (or a rebuilt history) since the ledger entry the index was
    /// last brought up to date with, read from the ledger; null when they cannot be told that way
    /// (first build, an interrupted first build, a ledger that no longer has that entry, a long gap).
    /// </summary>
    private async Task<IReadOnlyList<string>?> RecordedSinceAsync(string? stored, Evidence.Ledger.LedgerEntry? head, CancellationToken ct)
    {
        if (stored?.Split(':', 2) is not [var seqText, var hash] || !long.TryParse(seqText, out var seq) || head is null) return null;
        if (seq > head.Seq || head.Seq - seq > MostEntriesRead) return null;
        if (await archive.Catalog.GetLedgerAsync(seq, seq, ct) is not [var last] || last.Hash != hash) return null;
        var documents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in await archive.Catalog.GetLedgerAsync(seq + 1, head.Seq, ct))
        {
            // Subjects are version:{document}#{n}[@{generation}] and rebuild:{document}@{generation} (LedgerBodies).
            if (entry.Kind == "version" && entry.Subject.LastIndexOf('#') is var hashAt and > 8) documents.Add(entry.Subject[8..hashAt]);
            else if (entry.Kind == "rebuild" && entry.Subject.LastIndexOf('@') is var at and > 8) documents.Add(entry.Subject[8..at]);
        }
        return [.. documents];
    }

    /// <summary>Empties the index and builds it again from every version.</summary>
    public async Task<IndexUpdate> RebuildAsync(IProgress<IndexProgress>? progress = null, CancellationToken ct = default)
    {
        await index.ClearAsync(ct);
        return await UpdateAsync(progress, ct);
    }
}

using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Diffing;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Importing;

/// <summary>
/// Derives a document's versions again from all its ok observations in date order — ours and
/// imported ones — under the current rules. When that differs from the current history, it is
/// recorded as a new generation; earlier generations stay, covered by the ledger.
/// </summary>
public sealed class HistoryRebuilder(Archive archive)
{
    /// <summary>Texts already extracted (by the importer), by snapshot body and DOM digest, so they are not extracted twice.</summary>
    public Dictionary<(string Body, string? Dom), (string Sha, string Text, bool Ocr)> Texts { get; } = [];

    /// <returns>The new versions, or null when the derived history is the one already current.</returns>
    public async Task<IReadOnlyList<DocumentVersion>?> RebuildAsync(Document document, string reason, CancellationToken ct)
    {
        var derived = new List<DerivedVersion>();
        var texts = Texts;
        string previousSha = "", previousText = "";
        foreach (var o in (await archive.Catalog.GetObservationsAsync(document.Key, ct)).Where(o => o.Outcome == Outcome.Ok && o.SnapshotSha256 is not null))
        {
            var snapshot = await archive.Catalog.GetSnapshotAsync(o.Id, ct);
            if (snapshot is null) continue;
            // The further pages of a combined document are part of what makes the text.
            var key = (snapshot.BodySha256, snapshot.Parts.Count == 0 ? snapshot.DomSha256
                : snapshot.DomSha256 + "|" + string.Join(",", snapshot.Parts.Select(p => p.BodySha256 + p.DomSha256)));
            if (!texts.TryGetValue(key, out var extracted))
            {
                var (text, ocr) = await SnapshotText.ExtractAsync(archive, document, snapshot, ct);
                extracted = (await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text), ct), text, ocr);
                texts[key] = extracted;
            }
            if (extracted.Sha == previousSha) continue;
            var counts = TextDiff.Count(previousText, extracted.Text);
            derived.Add(new DerivedVersion(new NewVersion(derived.Count + 1, extracted.Sha, counts.LinesAdded, counts.LinesRemoved, counts.WordsAdded,
                counts.WordsRemoved, Extractor.Version, document.Rules.Hash, Ocr: extracted.Ocr), o.At, o.Id, snapshot.BodySha256));
            (previousSha, previousText) = (extracted.Sha, extracted.Text);
        }

        var current = await archive.Catalog.GetVersionsAsync(document.Key, ct);
        var same = current.Count == derived.Count && current.Zip(derived).All(p => p.First.TextSha256 == p.Second.Version.TextSha256 && p.First.ObservationId == p.Second.ObservationId);
        if (same) return null;
        return await archive.Catalog.RebuildVersionsAsync(document.Key, derived, reason, ct);
    }
}

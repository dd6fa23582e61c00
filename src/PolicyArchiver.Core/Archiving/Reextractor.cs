using System.Text;
using PolicyArchiver.Diffing;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Archiving;

/// <summary>
/// Tells technical upgrades from real changes. When extraction rules or the extractor change, the
/// latest version's own snapshot is extracted again: if that alone gives a different text, the
/// difference is recorded as a technical version (kept, visible, not a change of the document),
/// and only what differs beyond it counts as a real change. History is never rewritten.
/// </summary>
public sealed class Reextractor(Archive archive, TimeProvider time)
{
    public sealed record Outcome(string Document, DocumentVersion? Before, DocumentVersion? Technical);

    /// <summary>
    /// The version a new text is to be compared with: <paramref name="latest"/> itself, or a
    /// technical version recorded now when the current rules read its snapshot differently.
    /// </summary>
    public async Task<DocumentVersion> SeparateTechnicalChangeAsync(Document document, DocumentVersion latest, CancellationToken ct)
    {
        if (latest.Rules == document.Rules.Hash && latest.Extractor == Extractor.Version) return latest;
        return await RecordIfDifferentAsync(document, latest, ct) ?? latest;
    }

    /// <summary><c>reextract</c>: re-reads each document's latest version under the current rules.</summary>
    public async Task<IReadOnlyList<Outcome>> ReextractAsync(IReadOnlyList<Document> documents, CancellationToken ct)
    {
        var outcomes = new List<Outcome>();
        foreach (var document in documents)
        {
            var latest = await archive.Catalog.GetLatestVersionAsync(document.Key, ct);
            outcomes.Add(new Outcome(document.Key, latest, latest is null ? null : await RecordIfDifferentAsync(document, latest, ct)));
        }
        return outcomes;
    }

    private async Task<DocumentVersion?> RecordIfDifferentAsync(Document document, DocumentVersion latest, CancellationToken ct)
    {
        var snapshot = await archive.Catalog.GetSnapshotAsync(latest.ObservationId, ct);
        if (snapshot is null) return null;
        var (text, ocr) = await SnapshotText.ExtractAsync(archive, document, snapshot, ct);
        var sha = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text), ct);
        if (sha == latest.TextSha256) return null;
        var counts = TextDiff.Count(await archive.ReadTextAsync(latest, ct), text);
        var version = new NewVersion(latest.Number + 1, sha, counts.LinesAdded, counts.LinesRemoved, counts.WordsAdded, counts.WordsRemoved,
            Extractor.Version, document.Rules.Hash, Technical: true, Ocr: ocr);
        return await archive.Catalog.RecordTechnicalVersionAsync(document.Key, latest.ObservationId, latest.SnapshotSha256, time.GetUtcNow(), version, ct);
    }
}

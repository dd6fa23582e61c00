using System.Text;
using PolicyArchiver.Extraction;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Versioning;
using PolicyArchiver.Archiving;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// Tells technical upgrades from real changes. When extraction rules or the extractor change, the
/// latest version's own snapshot is extracted again: if that alone gives a different text, the
/// difference is recorded as a technical version (kept, visible, not a change of the document),
/// and only what differs beyond it counts as a real change. History is never rewritten.
/// </summary>
internal sealed class Reextractor(Archive archive, TimeProvider time)
{
    /// <param name="VolatileSpans">Volatile spans in the noise model learned from the document's whole history (null: not learned now).</param>
    /// <param name="Rebuilt">With <c>history</c>: the versions of the new generation, or null when the derived history is the current one.</param>
    public sealed record Outcome(string Document, DocumentVersion? Before, DocumentVersion? Technical, int? VolatileSpans = null,
        IReadOnlyList<DocumentVersion>? Rebuilt = null);

    /// <summary>
    /// The version a new text is to be compared with: <paramref name="latest"/> itself, or a
    /// technical version recorded now when the current rules read its snapshot differently.
    /// </summary>
    public async Task<DocumentVersion> SeparateTechnicalChangeAsync(Document document, DocumentVersion latest, CancellationToken ct)
    {
        if (latest.Rules == document.Rules.Hash && latest.Extractor == Extractor.Version) return latest;
        return await RecordIfDifferentAsync(document, latest, ct) ?? latest;
    }

    /// <summary>
    /// <c>reextract</c>: re-reads each document's latest version under the current rules. A
    /// document whose noise was never learned (an archive from before noise learning) has it
    /// learned from its whole history. With <paramref name="history"/>, the whole history is
    /// derived again under the current rules, canonical form and noise model, as a new generation.
    /// </summary>
    public async Task<IReadOnlyList<Outcome>> ReextractAsync(IReadOnlyList<Document> documents, CancellationToken ct, bool history = false)
    {
        var outcomes = new List<Outcome>();
        var rebuilder = new Importing.HistoryRebuilder(archive);
        foreach (var document in documents)
        {
            var latest = await archive.Catalog.GetLatestVersionAsync(document.Key, ct);
            var technical = latest is null ? null : await RecordIfDifferentAsync(document, latest, ct);
            IReadOnlyList<DocumentVersion>? rebuilt = null;
            int? spans = null;
            if (history)
            {
                rebuilt = await rebuilder.RebuildAsync(document, "reextract: history derived again under the current rules, canonical form and noise model", ct);
                spans = (await new NoiseStore(archive.Blobs, archive.Catalog, archive.Catalog).LoadAsync(document.Key, ct)).VolatileSpans.Count();
            }
            else if (latest is not null && await archive.Catalog.GetNoiseModelAsync(document.Key, ct) is null)
            {
                spans = (await rebuilder.LearnAsync(document, ct)).VolatileSpans.Count();
            }
            outcomes.Add(new Outcome(document.Key, latest, technical, spans, rebuilt));
            rebuilder.Texts.Clear();
        }
        return outcomes;
    }

    private async Task<DocumentVersion?> RecordIfDifferentAsync(Document document, DocumentVersion latest, CancellationToken ct)
    {
        var snapshot = await archive.Catalog.GetSnapshotAsync(latest.ObservationId, ct);
        if (snapshot is null) return null;
        var (text, ocr) = await SnapshotText.ExtractAsync(archive.Blobs, document, snapshot, ct);
        var sha = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text), ct);
        if (sha == latest.TextSha256) return null;
        var version = VersionDecision.Decide(document, latest.Number + 1, await archive.ReadTextAsync(latest, ct), text, sha, ocr, null,
            new VersionDecisionOptions(Technical: true))!;
        return await archive.Catalog.RecordTechnicalVersionAsync(document.Key, latest.ObservationId, latest.SnapshotSha256, time.GetUtcNow(), version, ct);
    }
}

using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Versioning;

namespace PolicyArchiver.Importing;

/// <summary>
/// Derives a document's versions again from all its ok observations in date order — ours and
/// imported ones — under the current rules. The noise model is learned from the whole history
/// first, so that a volatile span is known from its first capture on; then each capture is
/// compared with the version in force. When that differs from the current history, it is
/// recorded as a new generation; earlier generations stay, covered by the ledger.
/// </summary>
internal sealed class HistoryRebuilder(Archive archive)
{
    /// <summary>Two captures closer than this are fetches of the same page moments apart: what differs between them is volatile.</summary>
    private static readonly TimeSpan MomentsApart = TimeSpan.FromMinutes(2);

    /// <summary>Texts already extracted (by the importer), by snapshot body and DOM digest, so they are not extracted twice.</summary>
    public Dictionary<(string Body, string? Dom), (string Sha, string Text, bool Ocr)> Texts { get; } = [];

    private sealed record Capture(Observation Observation, string SnapshotSha256, string Sha, string Text, bool Ocr);

    /// <returns>The new versions, or null when the derived history is the one already current.</returns>
    public async Task<IReadOnlyList<DocumentVersion>?> RebuildAsync(Document document, string reason, CancellationToken ct)
    {
        var captures = await CapturesAsync(document, ct);
        // Each text is compared with the one before and the one after it: its canonical form is made once.
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        string Canonical(string text) => canonical.TryGetValue(text, out var k) ? k : canonical[text] = CanonicalText.Of(text);
        var noise = await LearnAsync(document, captures, c => Canonical(c.Text), ct);

        var derived = new List<DerivedVersion>();
        Capture? current = null;
        foreach (var capture in captures)
        {
            if (VersionDecision.Decide(document, derived.Count + 1, current?.Text, capture.Text, capture.Sha, capture.Ocr, noise,
                    new VersionDecisionOptions(Canonical: Canonical)) is not { } version)
                continue;
            derived.Add(new DerivedVersion(version, capture.Observation.At, capture.Observation.Id, capture.SnapshotSha256));
            current = capture;
        }

        var existing = await archive.Catalog.GetVersionsAsync(document.Key, ct);
        var same = existing.Count == derived.Count && existing.Zip(derived).All(p => p.First.TextSha256 == p.Second.Version.TextSha256 && p.First.ObservationId == p.Second.ObservationId);
        if (same) return null;
        return await archive.Catalog.RebuildVersionsAsync(document.Key, derived, reason, ct);
    }

    /// <summary>Learns the document's noise model from its whole history and keeps it; the versions stay as they are.</summary>
    public async Task<NoiseModel> LearnAsync(Document document, CancellationToken ct)
    {
        var captures = await CapturesAsync(document, ct);
        return await LearnAsync(document, captures, c => CanonicalText.Of(c.Text), ct);
    }

    private async Task<NoiseModel> LearnAsync(Document document, List<Capture> captures, Func<Capture, string> canonical, CancellationToken ct)
    {
        var noise = new NoiseModel();
        if (document.Noise.Learn)
            for (var i = 1; i < captures.Count; i++)
            {
                if (captures[i].Sha == captures[i - 1].Sha) noise.Pairs++;
                else
                    noise.Learn(canonical(captures[i - 1]), canonical(captures[i]), captures[i].Observation.At,
                        confirmed: captures[i].Observation.At - captures[i - 1].Observation.At < MomentsApart);
            }
        if (captures.Count > 0) (noise.LastTextSha, noise.LastObservationId) = (captures[^1].Sha, captures[^1].Observation.Id);
        await new NoiseStore(archive.Blobs, archive.Catalog, archive.Catalog).SaveAsync(document.Key, noise, ct);
        return noise;
    }

    /// <summary>Every ok capture of the document in date order, with its text under the current rules.</summary>
    private async Task<List<Capture>> CapturesAsync(Document document, CancellationToken ct)
    {
        var captures = new List<Capture>();
        foreach (var o in (await archive.Catalog.GetObservationsAsync(document.Key, ct)).Where(o => o.Outcome == Outcome.Ok && o.SnapshotSha256 is not null))
        {
            var snapshot = await archive.Catalog.GetSnapshotAsync(o.Id, ct);
            if (snapshot is null) continue;
            // The further pages of a combined document are part of what makes the text.
            var key = (snapshot.BodySha256, snapshot.Parts.Count == 0 ? snapshot.DomSha256
                : snapshot.DomSha256 + "|" + string.Join(",", snapshot.Parts.Select(p => p.BodySha256 + p.DomSha256)));
            if (!Texts.TryGetValue(key, out var extracted))
            {
                var (text, ocr) = await SnapshotText.ExtractAsync(archive.Blobs, document, snapshot, ct);
                extracted = (await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text), ct), text, ocr);
                Texts[key] = extracted;
            }
            captures.Add(new Capture(o, snapshot.BodySha256, extracted.Sha, extracted.Text, extracted.Ocr));
        }
        return captures;
    }
}

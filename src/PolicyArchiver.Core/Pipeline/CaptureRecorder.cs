using System.Text;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Versioning;
using PolicyArchiver.Archiving;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// Records an attempt as an observation: for an ok capture its snapshot, text and WARC evidence,
/// and a new version when the <see cref="VersionDecision"/> says its text is one; for any other,
/// the evidence of what was served.
/// </summary>
internal sealed class CaptureRecorder(Archive archive, SnapshotStore snapshots, WarcEvidence warc, Reextractor reextractor, ArchivistEvents events, TimeProvider time)
{
    public async Task<Observation> RecordOkAsync(CaptureAttempt attempt, string text, bool ocr, NoiseModel noise, string? detail, CancellationToken ct,
        NoiseModel? known = null)
    {
        var (document, capture) = (attempt.Document, attempt.Capture);
        var snapshot = await snapshots.StoreAsync(document.Key, capture, attempt.Parts, ct);
        events.OnSnapshotStored(document, snapshot);
        var textBytes = Encoding.UTF8.GetBytes(text);
        var textSha = await archive.Blobs.PutAsync(textBytes, ct);
        var records = await warc.OfOkAsync(capture, attempt.Parts, textBytes, ct);
        try
        {
            for (var conflicts = 0; ; conflicts++)
            {
                var latest = await CurrentVersionAsync(document, textSha, ct);
                // The version in force with this very text: nothing to compare, no need to read it.
                var previous = latest is null ? null : latest.TextSha256 == textSha ? text : await archive.ReadTextAsync(latest, ct);
                var version = VersionDecision.Decide(document, (latest?.Number ?? 0) + 1, previous, text, textSha, ocr, noise, new VersionDecisionOptions(Known: known));
                var record = new CaptureRecord(document.Key, attempt.At, Outcome.Ok, capture.HttpStatus, document.Url.AbsoluteUri, capture.FinalUrl, detail,
                    attempt.Attempts, DurationMs(attempt), snapshot, version, records);
                try
                {
                    var observation = await archive.Catalog.RecordAsync(record, ct);
                    if (version is not null) events.OnVersionRecorded(document, observation, version);
                    return observation;
                }
                catch (VersionConflictException) when (conflicts < 5)
                {
                    // Another process recorded a version of this document meanwhile: compare again.
                }
            }
        }
        catch
        {
            await warc.AbandonAsync(records);
            throw;
        }
    }

    /// <summary>An attempt that yields no snapshot, with <paramref name="outcome"/> (the capture's own, or blocked when its text was judged a wall).</summary>
    public async Task<Observation> RecordFailureAsync(CaptureAttempt attempt, Outcome outcome, string? detail, CancellationToken ct)
    {
        var capture = attempt.Capture;
        var records = await warc.OfFailureAsync(capture, ct);
        try
        {
            return await archive.Catalog.RecordAsync(new CaptureRecord(attempt.Document.Key, attempt.At, outcome, capture.HttpStatus, attempt.Document.Url.AbsoluteUri,
                capture.FinalUrl, detail, attempt.Attempts, DurationMs(attempt), null, null, records), ct);
        }
        catch
        {
            await warc.AbandonAsync(records);
            throw;
        }
    }

    /// <summary>Whether a text would start a new version of the document, as things stand (a first text starts none to confirm).</summary>
    public async Task<bool> ChangedAsync(Document document, string text, NoiseModel noise, CancellationToken ct, NoiseModel? known = null)
    {
        var textSha = Hashing.Sha256Hex(text);
        var latest = await CurrentVersionAsync(document, textSha, ct);
        if (latest is null || latest.TextSha256 == textSha) return false;
        return VersionDecision.Decide(document, latest.Number + 1, await archive.ReadTextAsync(latest, ct), text, textSha, false, noise,
            new VersionDecisionOptions(Known: known)) is not null;
    }

    /// <summary>
    /// The version a new text is compared with: the latest, or the technical version recorded now
    /// when the current rules read its snapshot differently (unless the text is the latest's own).
    /// </summary>
    private async Task<DocumentVersion?> CurrentVersionAsync(Document document, string textSha, CancellationToken ct)
    {
        var latest = await archive.Catalog.GetLatestVersionAsync(document.Key, ct);
        return latest is null || latest.TextSha256 == textSha ? latest : await reextractor.SeparateTechnicalChangeAsync(document, latest, ct);
    }

    private long DurationMs(CaptureAttempt attempt) => (long)time.GetElapsedTime(attempt.Started).TotalMilliseconds;
}

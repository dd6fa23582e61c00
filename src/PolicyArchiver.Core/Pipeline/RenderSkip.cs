using System.Collections.Concurrent;
using System.Text;
using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Archiving;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// Skips the screenshot of a page whose rendered text is unchanged, and the whole render (scripts,
/// settling, screenshot) when it cannot change the result. That is when the document's text does not depend on its
/// scripts — the raw HTML of its latest version's snapshot already gave that version's text — and
/// the raw HTML served now gives the same text again. The observation is still recorded with the
/// exact bytes served (a revisit when they are identical); a page whose text comes from scripts
/// is always rendered.
/// </summary>
internal sealed class RenderSkip(Archive archive)
{
    /// <summary>Per snapshot and rules: whether the raw HTML alone yields the version's text.</summary>
    private readonly ConcurrentDictionary<(string Snapshot, string Rules), bool> _static = new();

    /// <summary>
    /// The text each check extracted, by the body or DOM it came from, so the capture's record does
    /// not extract the same page a second time. Weak: an entry lives as long as its capture.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> _extracted = new();

    /// <summary>The text a check already extracted from exactly this body or DOM, if any.</summary>
    public string? KnownText(object bodyOrDom) => _extracted.TryGetValue(bodyOrDom, out var text) ? text : null;

    private bool Matches(object source, string text, DocumentVersion latest)
    {
        _extracted.AddOrUpdate(source, text);
        return Hashing.Sha256Hex(Encoding.UTF8.GetBytes(text)) == latest.TextSha256;
    }

    public async Task<UnchangedChecks?> ForAsync(Document document, CancellationToken ct)
    {
        if (document.Combine.Count > 0) return null;
        var latest = await archive.Catalog.GetLatestVersionAsync(document.Key, ct);
        if (latest is null || latest.Rules != document.Rules.Hash || latest.Extractor != Extractor.Version || latest.Ocr) return null;
        Func<ServedResponse, CancellationToken, Task<bool>>? raw = await IsStaticAsync(document, latest, ct)
            ? async (served, token) =>
            {
                if (PdfExtractor.IsPdf(served.Body, served.ContentType)) return false;
                var text = (await Extractor.ExtractAsync(document, served.Body, served.ContentType, null, new Uri(served.Url), token)).Text;
                return Matches(served.Body, text, latest);
            }
            : null;
        return new UnchangedChecks(raw, async (dom, url, token) =>
        {
            var text = (await Extractor.ExtractAsync(document, [], "text/html", dom, new Uri(url), token)).Text;
            return Matches(dom, text, latest);
        });
    }

    private async Task<bool> IsStaticAsync(Document document, DocumentVersion latest, CancellationToken ct)
    {
        var key = (latest.SnapshotSha256, document.Rules.Hash);
        if (_static.TryGetValue(key, out var known)) return known;
        // The latest capture since this version was kept as served, whole: nothing rendered it, so
        // its text, this version's, came from the raw HTML. Known without reading anything again,
        // which matters when every round is a new process (`capture` from cron).
        if (await archive.Catalog.GetLatestSnapshotAsync(document.Key, ct) is { DomSha256: null, Parts.Count: 0 } last
            && last.ObservationId > latest.ObservationId && !PdfExtractor.IsPdf([], last.ContentType))
            return _static[key] = true;
        var snapshot = await archive.Catalog.GetSnapshotAsync(latest.ObservationId, ct);
        var isStatic = false;
        if (snapshot is { Parts.Count: 0 } && !PdfExtractor.IsPdf([], snapshot.ContentType))
        {
            var body = await archive.Blobs.GetAsync(snapshot.BodySha256, ct);
            var text = (await Extractor.ExtractAsync(document, body, snapshot.ContentType + (snapshot.Charset is { } cs ? $"; charset={cs}" : ""), null,
                Uri.TryCreate(snapshot.FinalUrl, UriKind.Absolute, out var url) ? url : document.Url, ct)).Text;
            isStatic = Hashing.Sha256Hex(Encoding.UTF8.GetBytes(text)) == latest.TextSha256;
        }
        _static[key] = isStatic;
        return isStatic;
    }
}

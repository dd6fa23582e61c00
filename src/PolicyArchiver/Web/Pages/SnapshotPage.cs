using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Capture;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Storage;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/companies/{company}/{document}/snapshots/{observation}</c>: a capture's evidence — headers,
/// digests, the screenshot, the raw bytes as text, and an HTML page replayed in a sandboxed frame
/// (<see cref="ReplayPage"/>). Archived HTML never runs in our origin: the raw bytes are served with
/// <c>Content-Security-Policy: sandbox</c>, the replay in an opaque origin of its own.
/// </summary>
internal static class SnapshotPage
{
    /// <summary>Sandboxed (no script, a unique origin) and cut off from the network: an archived page cannot load anything live.</summary>
    public const string SandboxPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

    /// <summary>
    /// A PDF screenshot without <c>sandbox</c>: Chromium's PDF viewer refuses to open a sandboxed
    /// document, and would show nothing. Only bytes that begin as a PDF get this policy (the type
    /// comes from the bytes, and the site sends <c>nosniff</c>), so nothing is read as HTML in our
    /// origin. A PDF's own scripts, were a hostile one ever stored (captures store only what our
    /// Chromium printed, which has none; imports store no screenshot), run inside the viewer's
    /// plugin, which cannot reach this origin's pages or cookies; it may be framed only by our pages.
    /// </summary>
    public const string PdfPolicy = "default-src 'none'; frame-ancestors 'self'";

    public static async Task<IResult> RenderAsync(ArchiveReader reader, string company, string id, long observationId, CancellationToken ct)
    {
        var found = await FindAsync(reader, company, id, observationId, ct);
        if (found.Error is not null) return found.Error;
        var (companyView, document, observation, snapshot) = (found.Company!, found.Document!, found.Observation!, found.Snapshot!);
        var t = SiteText.Current;
        var path = Html.SnapshotPath(document.Key, observationId);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.Fill(t.CaptureOf, Html.E(Badges.DocumentLabel(document)), Html.TimeTag(observation.At))).Append("</h1>\n<dl class=\"facts\">");
        html.Append("<dt>").Append(Html.E(t.FinalUrl)).Append("</dt><dd><code>").Append(Html.E(snapshot.FinalUrl)).Append("</code></dd>");
        html.Append("<dt>").Append(Html.E(t.HttpStatus)).Append("</dt><dd>").Append(snapshot.HttpStatus).Append("</dd>");
        html.Append("<dt>").Append(Html.E(t.ContentType)).Append("</dt><dd>").Append(Html.E(SnapshotMedia.ContentType(snapshot))).Append("</dd>");
        html.Append("<dt>").Append(Html.E(t.Body)).Append("</dt><dd><code>sha256:").Append(snapshot.BodySha256).Append("</code>, ").Append(Html.Bytes(snapshot.BodySize)).Append("</dd>");
        if (observation.Version is { } v) html.Append("<dt>").Append(Html.E(t.Version)).Append("</dt><dd><a href=\"").Append(Html.VersionPath(document.Key, v)).Append("\">v").Append(v).Append("</a></dd>");
        if (observation.Source is { } source) html.Append("<dt>").Append(Html.E(t.ImportedFrom)).Append("</dt><dd><code>").Append(Html.E(source)).Append("</code></dd>");
        html.Append("</dl>\n<p><a href=\"").Append(path).Append("/raw?as=text\">").Append(Html.E(t.RawAsText)).Append("</a> · <a href=\"").Append(path).Append("/raw\" download>").Append(Html.E(t.DownloadRaw)).Append("</a>");
        if (snapshot.DomSha256 is not null) html.Append(" · <a href=\"").Append(path).Append("/dom\">").Append(Html.E(t.DomAsText)).Append("</a>");
        html.Append("</p>\n<h2>").Append(Html.E(t.Headers)).Append("</h2>\n<table class=\"headers\"><tbody>");
        foreach (var (name, value) in snapshot.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
            html.Append("<tr><th>").Append(Html.E(name)).Append("</th><td><code>").Append(Html.E(value)).Append("</code></td></tr>");
        html.Append("</tbody></table>\n");
        if (ReplayPage.IsReplayable(snapshot))
        {
            // The page as a browser showed it, from the archive alone; the raw bytes stay one link away.
            var replay = await ReplayPage.TargetAsync(reader, observation, snapshot, ct);
            html.Append("<h2>").Append(Html.E(t.AsServed)).Append("</h2>\n").Append(ReplayPage.Frame(replay, "replay"))
                .Append("<p><a href=\"").Append(path).Append("/replay\">").Append(Html.E(t.ReplayOpen)).Append("</a> · <a href=\"").Append(path).Append("/raw\">")
                .Append(Html.E(t.ArchivedPage)).Append("</a></p>\n");
        }
        if (snapshot.ScreenshotSha256 is { } shot)
        {
            var format = await ScreenshotKind.OfStoredAsync(reader.Archive.Blobs, shot, ct);
            html.Append("<h2>").Append(Html.E(t.Screenshot)).Append("</h2>\n").Append(Screenshot(path + "/screenshot", format, t.ScreenshotAlt)).Append('\n');
        }
        var crumbs = DocumentPage.Crumbs(companyView, document).Append(new Layout.Crumb(path, Html.Time(observation.At))).ToList();
        return Layout.Page(SiteText.F(t.CaptureTitle, document.Key), html.ToString(), crumbs);
    }

    /// <summary>The raw body as archived; <c>?as=text</c> shows it as plain text instead of letting the browser interpret it.</summary>
    public static async Task<IResult> RawAsync(ArchiveReader reader, string company, string id, long observationId, string? @as, CancellationToken ct)
    {
        var found = await FindAsync(reader, company, id, observationId, ct);
        if (found.Error is not null) return found.Error;
        var snapshot = found.Snapshot!;
        var bytes = await reader.Archive.Blobs.GetAsync(snapshot.BodySha256, ct);
        var type = @as == "text" ? SnapshotMedia.AsText(snapshot) : SnapshotMedia.ContentType(snapshot);
        return new SandboxedResult(bytes, type);
    }

    /// <summary>
    /// A screenshot shown in a page: a PNG or JPEG as an image, a PDF in a frame (the site's policy
    /// allows same-origin frames, not objects) with a link for browsers that do not show PDFs inline.
    /// </summary>
    public static string Screenshot(string url, ScreenshotFormat? format, string alt, bool lazy = false)
    {
        var loading = lazy ? " loading=\"lazy\"" : "";
        if (ScreenshotKind.IsImage(format))
            return $"<a href=\"{url}\"><img class=\"screenshot\"{loading} src=\"{url}\" alt=\"{Html.E(alt)}\"></a>";
        var link = $"<p><a href=\"{url}\">{Html.E(format == ScreenshotFormat.Pdf ? SiteText.Current.OpenScreenshotPdf : alt)}</a></p>";
        return format == ScreenshotFormat.Pdf ? $"<iframe class=\"screenshot\"{loading} src=\"{url}\" title=\"{Html.E(alt)}\"></iframe>{link}" : link;
    }

    public static async Task<IResult> PartAsync(ArchiveReader reader, string company, string id, long observationId, string part, CancellationToken ct)
    {
        var found = await FindAsync(reader, company, id, observationId, ct);
        if (found.Error is not null) return found.Error;
        var sha = part == "screenshot" ? found.Snapshot!.ScreenshotSha256 : found.Snapshot!.DomSha256;
        if (sha is null) return Layout.NotFound(SiteText.F(SiteText.Current.NoScreenshotOrDom, part));
        var bytes = await reader.Archive.Blobs.GetAsync(sha, ct);
        if (part != "screenshot") return new SandboxedResult(bytes, "text/plain; charset=utf-8");
        var format = ScreenshotKind.Of(bytes);
        return new SandboxedResult(bytes, ScreenshotKind.MediaType(format), format == ScreenshotFormat.Pdf ? PdfPolicy : SandboxPolicy);
    }

    internal sealed record Found(CompanyView? Company, DocumentView? Document, Observation? Observation, Snapshot? Snapshot, IResult? Error);

    internal static async Task<Found> FindAsync(ArchiveReader reader, string company, string id, long observationId, CancellationToken ct)
    {
        if (await reader.LocateAsync(company, id, ct) is not var (companyView, document)) return new(null, null, null, null, Layout.NoDocument(company, id));
        var observation = await reader.Catalog.GetObservationAsync(observationId, ct);
        var snapshot = observation?.Document == document.Key ? await reader.Catalog.GetSnapshotAsync(observationId, ct) : null;
        return snapshot is null
            ? new(null, null, null, null, Layout.NotFound(SiteText.F(SiteText.Current.NoSnapshot, document.Key, observationId)))
            : new(companyView, document, observation, snapshot, null);
    }

    /// <summary>Archived bytes with the sandbox policy and no sniffing, whatever they claim to be.</summary>
    private sealed class SandboxedResult(byte[] bytes, string contentType, string policy = SandboxPolicy) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = contentType;
            http.Response.Headers.ContentSecurityPolicy = policy;
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        }
    }
}

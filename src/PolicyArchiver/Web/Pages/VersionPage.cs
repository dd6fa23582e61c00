using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary><c>/companies/{company}/{document}/versions/{n}</c>: what the document said, with the evidence it was read from.</summary>
internal static class VersionPage
{
    public static async Task<IResult> RenderAsync(ArchiveReader reader, string company, string id, int number, CancellationToken ct)
    {
        var t = SiteText.Current;
        if (await reader.LocateAsync(company, id, ct) is not var (companyView, document)) return Layout.NoDocument(company, id);
        var version = await reader.Catalog.GetVersionAsync(document.Key, number, ct);
        if (version is null) return Layout.NotFound(SiteText.F(t.NoVersion, document.Key, number));
        var next = await reader.Catalog.GetVersionAsync(document.Key, number + 1, ct);
        var text = await reader.ReadTextAsync(version, ct);
        var key = document.Key;
        var label = Badges.DocumentLabel(document);

        var html = new StringBuilder();
        var versionLabel = SiteText.F(t.VersionN, number);
        html.Append("<h1>").Append(Html.E(label)).Append(": ").Append(Html.E(versionLabel)).Append("</h1>\n<p class=\"lede\">").Append(Html.Fill(t.InForceFrom, Html.TimeTag(version.CapturedAt)));
        html.Append(' ').Append(next is null ? Html.E(t.LatestVersion) : Html.Fill(t.Until, Html.TimeTag(next.CapturedAt))).Append(".</p>\n<p>");
        html.Append("<a href=\"").Append(Html.SnapshotPath(key, version.ObservationId)).Append("\">").Append(Html.E(t.RawSnapshotAndScreenshot)).Append("</a> · ");
        html.Append("<a href=\"").Append(Html.VersionPath(key, number)).Append("/text\">").Append(Html.E(t.PlainText)).Append("</a> · ");
        html.Append("<a href=\"").Append(Html.DocumentPath(key)).Append("/evidence?at=").Append(Html.U(Model.Instant.Format(version.CapturedAt)))
            .Append("\">").Append(Html.E(t.EvidenceBundle)).Append("</a>");
        if (version.Technical) html.Append(" · ").Append(Badges.Technical);
        if (version.Ocr) html.Append(" · <span class=\"badge none\">").Append(Html.E(t.ReadByOcr)).Append("</span>");
        html.Append("</p>\n<nav class=\"pager\">");
        if (number > 1) html.Append("<a rel=\"prev\" href=\"").Append(Html.VersionPath(key, number - 1)).Append("\">← ").Append(Html.E(SiteText.F(t.VersionN, number - 1))).Append("</a> ");
        if (next is not null) html.Append("<a rel=\"next\" href=\"").Append(Html.VersionPath(key, number + 1)).Append("\">").Append(Html.E(SiteText.F(t.VersionN, number + 1))).Append(" →</a>");
        html.Append("</nav>\n<dl class=\"facts\"><dt>").Append(Html.E(t.TextSha256)).Append("</dt><dd><code>").Append(version.TextSha256).Append("</code></dd><dt>").Append(Html.E(t.SnapshotSha256)).Append("</dt><dd><code>")
            .Append(version.SnapshotSha256).Append("</code></dd><dt>").Append(Html.E(t.Extractor)).Append("</dt><dd>").Append(Html.E(version.Extractor)).Append("</dd>");
        var detected = Insight.Language.LanguageDetector.Detect(text);
        html.Append("<dt>").Append(Html.E(t.DetectedLanguage)).Append("</dt><dd class=\"detected-language\">").Append(Html.E(detected.Describe()))
            .Append(detected.Serves(document.Language) ? "" : " — " + Html.E(SiteText.F(t.Declared, document.Language))).Append("</dd></dl>\n");
        html.Append(PolicyText.Render(text, document.Language));
        var crumbs = DocumentPage.Crumbs(companyView, document).Append(new Layout.Crumb(Html.VersionPath(key, number), $"v{number}")).ToList();
        return Layout.Page($"{label}: {versionLabel}", html.ToString(), crumbs);
    }

    public static async Task<IResult> TextAsync(ArchiveReader reader, string company, string id, int number, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(company, id, ct);
        var version = document is null ? null : await reader.Catalog.GetVersionAsync(document.Key, number, ct);
        if (version is null) return Layout.NotFound(SiteText.F(SiteText.Current.NoVersion, $"{company}/{id}", number));
        return Results.Bytes(await reader.Archive.Blobs.GetAsync(version.TextSha256, ct), "text/plain; charset=utf-8");
    }

    /// <summary><c>…/at?t=INSTANT</c>: the version in force then, as a redirect to its page (400 for a bad instant, 404 before the first version).</summary>
    public static async Task<IResult> AtAsync(ArchiveReader reader, string company, string id, string? t, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(company, id, ct);
        if (document is null) return Layout.NoDocument(company, id);
        if (!PolicyArchiver.Contracts.Format.TryParseUpTo(t, out var at))
            return Layout.BadRequest($"t=\"{t}\" is {Model.Instant.NotOne}.");
        var version = await reader.Catalog.GetVersionAtAsync(document.Key, at, ct);
        return version is null
            ? Layout.NotFound(SiteText.F(SiteText.Current.NoVersionBy, document.Key, Html.Time(at)))
            : Results.Redirect(Html.VersionPath(document.Key, version.Number));
    }
}

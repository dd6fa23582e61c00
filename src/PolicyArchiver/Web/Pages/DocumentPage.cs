using System.Text;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/companies/{company}/{document}</c>: the document's timeline of versions and attempts
/// (outages shown), each version's text, screenshot and raw snapshot, and "what did it say at…".
/// </summary>
internal static class DocumentPage
{
    /// <summary>The newest attempts; the full list is in the API and the export.</summary>
    private const int ObservationsShown = 500;

    public static async Task<IResult> RenderAsync(ArchiveReader reader, string company, string id, CancellationToken ct)
    {
        if (await reader.LocateAsync(company, id, ct) is not var (companyView, document)) return Layout.NoDocument(company, id);
        var key = document.Key;
        var catalog = reader.Catalog;
        var versions = await catalog.GetVersionsAsync(key, ct);
        var observations = await catalog.GetObservationsAsync(key, ct);
        var changes = await reader.ChangesAsync(key, ct);
        var availability = await catalog.GetAvailabilityAsync(key, ct);
        var label = Badges.DocumentLabel(document);

        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(label)).Append("</h1>\n").Append(Badges.BlockedWarning(availability)).Append("<dl class=\"facts\">");
        html.Append("<dt>Company</dt><dd><a href=\"/companies/").Append(Html.U(companyView.Id)).Append("\">").Append(Html.E(companyView.Name)).Append("</a></dd>");
        html.Append("<dt>Type</dt><dd>").Append(Html.E(document.Type)).Append("</dd>");
        html.Append("<dt>Language</dt><dd>").Append(Html.E(Html.Language(document.Language))).Append("</dd>");
        html.Append("<dt>Address</dt><dd><code>").Append(Html.E(document.Url)).Append("</code> (<a href=\"/memento/timemap/").Append(Html.E(document.Url)).Append("\">Memento TimeMap</a>)</dd>");
        html.Append("<dt>Availability</dt><dd>").Append(Badges.Availability(availability)).Append("</dd>");
        if (!document.Tracked) html.Append("<dt>Tracking</dt><dd>no longer in targets.json; its history stays</dd>");
        html.Append("</dl>\n");

        html.Append("<form class=\"at\" method=\"get\" action=\"").Append(Html.DocumentPath(key)).Append("/at\"><label>What did it say on <input type=\"date\" name=\"t\" required></label> <button>Show</button> <span class=\"muted\">(or at an instant: <code>at?t=2026-06-15T12:00:00Z</code>)</span></form>\n");

        html.Append("<h2>Timeline</h2>\n").Append(Timeline.Svg([new Timeline.Row(document.Id, Html.DocumentPath(key), observations, versions, v => Html.VersionPath(key, v.Number))]));

        if (versions.Count > 0)
        {
            // What the document says today, where a reader looks first; the versions follow.
            var latest = versions[^1];
            html.Append("<h2>Text in force</h2>\n<p class=\"muted\">Version ").Append(latest.Number).Append(", in force since ").Append(Html.TimeTag(latest.CapturedAt))
                .Append(" · <a href=\"").Append(Html.VersionPath(key, latest.Number)).Append("\">version page</a> · <a href=\"").Append(Html.VersionPath(key, latest.Number))
                .Append("/text\">plain text</a></p>\n");
            html.Append(PolicyText.Render(await reader.ReadTextAsync(latest, ct), document.Language));
        }

        html.Append("<h2>Versions</h2>\n");
        if (versions.Count == 0) html.Append("<p class=\"muted\">No version yet: no capture has succeeded.</p>\n");
        else
        {
            html.Append("<table><thead><tr><th>Version</th><th>Captured</th><th>Lines</th><th>Change</th><th>Evidence</th></tr></thead><tbody>\n");
            foreach (var v in versions.Reverse())
            {
                var change = changes.FirstOrDefault(c => c.Change.ToVersion == v.Number);
                html.Append("<tr><td><a href=\"").Append(Html.VersionPath(key, v.Number)).Append("\">v").Append(v.Number).Append("</a>");
                if (v.Technical) html.Append(" <span class=\"badge technical\">technical</span>");
                if (v.Ocr) html.Append(" <span class=\"badge none\">OCR</span>");
                html.Append("</td><td>").Append(Html.TimeTag(v.CapturedAt)).Append("</td><td>").Append(Badges.Counts(v.Added, v.Removed)).Append("</td><td>");
                html.Append(change is null ? "<span class=\"muted\">first</span>" : $"<a href=\"{Html.ChangePath(key, change.Number)}\">diff v{change.Change.FromVersion} → v{change.Change.ToVersion}</a>");
                html.Append("</td><td><a href=\"").Append(Html.SnapshotPath(key, v.ObservationId)).Append("\">snapshot</a> · <a href=\"").Append(Html.VersionPath(key, v.Number)).Append("/text\">text</a></td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }

        html.Append(NoiseSection(PolicyArchiver.Versioning.NoiseStore.Read(await catalog.GetNoiseModelAsync(key, ct))));

        html.Append("<h2>Attempts</h2>\n");
        if (observations.Count == 0) html.Append("<p class=\"muted\">Never captured.</p>\n");
        else
        {
            html.Append("<table class=\"observations\"><thead><tr><th>When</th><th>Outcome</th><th>HTTP</th><th>Version</th><th>Detail</th></tr></thead><tbody>\n");
            foreach (var o in observations.Reverse().Take(ObservationsShown))
            {
                html.Append("<tr><td>").Append(Html.TimeTag(o.At)).Append("</td><td>").Append(Badges.Outcome(o.Outcome));
                if (o.Source is not null) html.Append(" <span class=\"badge none\" title=\"").Append(Html.E(o.Source)).Append("\">imported</span>");
                html.Append("</td><td>").Append(o.HttpStatus?.ToString() ?? "").Append("</td><td>");
                if (o.SnapshotSha256 is not null) html.Append("<a href=\"").Append(Html.SnapshotPath(key, o.Id)).Append("\">");
                html.Append(o.Version is { } n ? $"v{n}{(o.NewVersion ? " (new)" : "")}" : "—");
                if (o.SnapshotSha256 is not null) html.Append("</a>");
                html.Append("</td><td>").Append(Html.E(o.Detail)).Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
            if (observations.Count > ObservationsShown)
                html.Append("<p class=\"muted\">Older attempts: <a href=\"/api/documents/").Append(Html.U(companyView.Id)).Append('/').Append(Html.U(document.Id)).Append("/observations\">all of them as JSON</a>.</p>\n");
        }
        return Layout.Page(label, html.ToString(), Crumbs(companyView, document), $"/companies/{Html.U(companyView.Id)}/feed.atom");
    }

    /// <summary>The volatile spans learned from the document's history: what the registry ignores, shown, never hidden.</summary>
    private static string NoiseSection(PolicyArchiver.Versioning.NoiseModel model)
    {
        var spans = model.VolatileSpans.OrderBy(s => s.Since).ToList();
        var html = new StringBuilder("<h2>Noise ignored</h2>\n");
        if (spans.Count == 0)
            return html.Append("<p class=\"muted\">No volatile span learned from ").Append(model.Pairs).Append(" consecutive captures: every difference in the text makes a version.</p>\n").ToString();
        html.Append("<p class=\"muted\">Spans that differ from capture to capture while the text around them stays (tokens, timestamps, rotating banners). ")
            .Append("A difference there makes no version when its value is like those seen before; every capture's bytes are kept.</p>\n");
        html.Append("<table class=\"noise\"><thead><tr><th>Where (⟨*⟩ is the span)</th><th>Examples</th><th>Changes</th><th>Since</th></tr></thead><tbody>\n");
        foreach (var s in spans)
        {
            html.Append("<tr><td><code>").Append(Html.E(s.Context)).Append("</code></td><td>")
                .Append(string.Join("<br>", s.Values.AsEnumerable().Reverse().Take(4).Select(v => "<code>" + Html.E(v) + "</code>")))
                .Append("</td><td>").Append(s.Changes).Append(s.Confirmed ? " <span class=\"badge none\" title=\"also between two fetches moments apart\">confirmed</span>" : "")
                .Append("</td><td>").Append(Html.TimeTag(s.Since)).Append("</td></tr>\n");
        }
        return html.Append("</tbody></table>\n").ToString();
    }

    public static IReadOnlyList<Layout.Crumb> Crumbs(CompanyView company, DocumentView document) =>
        [new($"/companies/{Html.U(company.Id)}", company.Name), new(Html.DocumentPath(document.Key), document.Id)];
}

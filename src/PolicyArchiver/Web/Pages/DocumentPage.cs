using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;

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
        var t = SiteText.Current;
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
        html.Append("<dt>").Append(Html.E(t.Company)).Append("</dt><dd><a href=\"/companies/").Append(Html.U(companyView.Id)).Append("\">").Append(Html.E(companyView.Name)).Append("</a></dd>");
        html.Append("<dt>").Append(Html.E(t.Type)).Append("</dt><dd>").Append(Html.E(document.Type)).Append("</dd>");
        html.Append("<dt>").Append(Html.E(t.Language)).Append("</dt><dd>").Append(Html.E(Html.Language(document.Language))).Append("</dd>");
        html.Append("<dt>").Append(Html.E(t.Address)).Append("</dt><dd><code>").Append(Html.E(document.Url)).Append("</code> (<a href=\"/memento/timemap/").Append(Html.E(document.Url)).Append("\">Memento TimeMap</a>)</dd>");
        html.Append("<dt>").Append(Html.E(t.Availability)).Append("</dt><dd>").Append(Badges.Availability(availability)).Append("</dd>");
        if (!document.Tracked) html.Append("<dt>").Append(Html.E(t.Tracking)).Append("</dt><dd>").Append(Html.E(t.NoLongerInTargets)).Append("</dd>");
        html.Append("</dl>\n");

        html.Append("<form class=\"at\" method=\"get\" action=\"").Append(Html.DocumentPath(key)).Append("/at\"><label>").Append(Html.E(t.WhatDidItSayOn)).Append(" <input type=\"date\" name=\"t\" required></label> <button>").Append(Html.E(t.Show))
            .Append("</button> <span class=\"muted\">").Append(Html.Fill(t.OrAtAnInstant, "<code>at?t=2026-06-15T12:00:00Z</code>")).Append("</span></form>\n");

        html.Append("<h2>").Append(Html.E(t.Timeline)).Append("</h2>\n").Append(Timeline.Svg([new Timeline.Row(document.Id, Html.DocumentPath(key), observations, versions, v => Html.VersionPath(key, v.Number))]));

        if (versions.Count > 0)
        {
            // What the document says today, where a reader looks first; the versions follow.
            var latest = versions[^1];
            html.Append("<h2>").Append(Html.E(t.TextInForce)).Append("</h2>\n<p class=\"muted\">").Append(Html.Fill(t.VersionInForceSince, latest.Number, Html.TimeTag(latest.CapturedAt)))
                .Append(" · <a href=\"").Append(Html.VersionPath(key, latest.Number)).Append("\">").Append(Html.E(t.VersionPage)).Append("</a> · <a href=\"").Append(Html.VersionPath(key, latest.Number))
                .Append("/text\">").Append(Html.E(t.PlainText)).Append("</a></p>\n");
            html.Append(PolicyText.Render(await reader.ReadTextAsync(latest, ct), document.Language));
        }

        html.Append("<h2>").Append(Html.E(t.Versions)).Append("</h2>\n");
        if (versions.Count == 0) html.Append("<p class=\"muted\">").Append(Html.E(t.NoVersionYet)).Append("</p>\n");
        else
        {
            html.Append("<table><thead><tr>").Append(string.Concat(new[] { t.Version, t.Captured, t.Lines, t.Change, t.Evidence }.Select(h => $"<th>{Html.E(h)}</th>"))).Append("</tr></thead><tbody>\n");
            foreach (var v in versions.Reverse())
            {
                var change = changes.FirstOrDefault(c => c.Change.ToVersion == v.Number);
                html.Append("<tr><td><a href=\"").Append(Html.VersionPath(key, v.Number)).Append("\">v").Append(v.Number).Append("</a>");
                if (v.Technical) html.Append(' ').Append(Badges.Technical);
                if (v.Ocr) html.Append(" <span class=\"badge none\">OCR</span>");
                html.Append("</td><td>").Append(Html.TimeTag(v.CapturedAt)).Append("</td><td>").Append(Badges.Counts(v.Added, v.Removed)).Append("</td><td>");
                html.Append(change is null ? $"<span class=\"muted\">{Html.E(t.First)}</span>" : $"<a href=\"{Html.ChangePath(key, change.Number)}\">{Html.E(t.Diff)} v{change.Change.FromVersion} → v{change.Change.ToVersion}</a>");
                html.Append("</td><td><a href=\"").Append(Html.SnapshotPath(key, v.ObservationId)).Append("\">").Append(Html.E(t.SnapshotLower)).Append("</a> · <a href=\"").Append(Html.VersionPath(key, v.Number))
                    .Append("/text\">").Append(Html.E(t.TextLower)).Append("</a></td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }

        html.Append(NoiseSection(PolicyArchiver.Versioning.NoiseStore.Read(await catalog.GetNoiseModelAsync(key, ct))));

        html.Append("<h2>").Append(Html.E(t.Attempts)).Append("</h2>\n");
        if (observations.Count == 0) html.Append("<p class=\"muted\">").Append(Html.E(t.NeverCapturedSentence)).Append("</p>\n");
        else
        {
            html.Append("<table class=\"observations\"><thead><tr>").Append(string.Concat(new[] { t.When, t.Outcome, "HTTP", t.Version, t.Detail }.Select(h => $"<th>{Html.E(h)}</th>"))).Append("</tr></thead><tbody>\n");
            foreach (var o in observations.Reverse().Take(ObservationsShown))
            {
                html.Append("<tr><td>").Append(Html.TimeTag(o.At)).Append("</td><td>").Append(Badges.Outcome(o.Outcome));
                if (o.Source is not null) html.Append(" <span class=\"badge none\" title=\"").Append(Html.E(o.Source)).Append("\">").Append(Html.E(t.Imported)).Append("</span>");
                html.Append("</td><td>").Append(o.HttpStatus?.ToString() ?? "").Append("</td><td>");
                if (o.SnapshotSha256 is not null) html.Append("<a href=\"").Append(Html.SnapshotPath(key, o.Id)).Append("\">");
                html.Append(o.Version is { } n ? $"v{n}{(o.NewVersion ? " " + Html.E(t.NewVersionMark) : "")}" : "—");
                if (o.SnapshotSha256 is not null) html.Append("</a>");
                html.Append("</td><td>").Append(Html.E(o.Detail)).Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
            if (observations.Count > ObservationsShown)
                html.Append("<p class=\"muted\">").Append(Html.E(t.OlderAttempts)).Append(" <a href=\"/api/documents/").Append(Html.U(companyView.Id)).Append('/').Append(Html.U(document.Id)).Append("/observations\">").Append(Html.E(t.AllAsJson)).Append("</a>.</p>\n");
        }
        return Layout.Page(label, html.ToString(), Crumbs(companyView, document), $"/companies/{Html.U(companyView.Id)}/feed.atom");
    }

    /// <summary>The volatile spans learned from the document's history: what the registry ignores, shown, never hidden.</summary>
    private static string NoiseSection(PolicyArchiver.Versioning.NoiseModel model)
    {
        var t = SiteText.Current;
        var spans = model.VolatileSpans.OrderBy(s => s.Since).ToList();
        var html = new StringBuilder("<h2>").Append(Html.E(t.NoiseIgnored)).Append("</h2>\n");
        if (spans.Count == 0)
            return html.Append("<p class=\"muted\">").Append(Html.E(SiteText.F(t.NoVolatileSpan, model.Pairs))).Append("</p>\n").ToString();
        html.Append("<p class=\"muted\">").Append(Html.E(t.NoiseExplained)).Append("</p>\n");
        html.Append("<table class=\"noise\"><thead><tr>").Append(string.Concat(new[] { t.NoiseWhere, t.Examples, t.Changes, t.SinceColumn }.Select(h => $"<th>{Html.E(h)}</th>"))).Append("</tr></thead><tbody>\n");
        foreach (var s in spans)
        {
            html.Append("<tr><td><code>").Append(Html.E(s.Context)).Append("</code></td><td>")
                .Append(string.Join("<br>", s.Values.AsEnumerable().Reverse().Take(4).Select(v => "<code>" + Html.E(v) + "</code>")))
                .Append("</td><td>").Append(s.Changes).Append(s.Confirmed ? $" <span class=\"badge none\" title=\"{Html.E(t.ConfirmedTitle)}\">{Html.E(t.Confirmed)}</span>" : "")
                .Append("</td><td>").Append(Html.TimeTag(s.Since)).Append("</td></tr>\n");
        }
        return html.Append("</tbody></table>\n").ToString();
    }

    public static IReadOnlyList<Layout.Crumb> Crumbs(CompanyView company, DocumentView document) =>
        [new($"/companies/{Html.U(company.Id)}", company.Name), new(Html.DocumentPath(document.Key), document.Id)];
}

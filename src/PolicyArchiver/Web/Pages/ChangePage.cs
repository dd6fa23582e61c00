using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Insight;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/companies/{company}/{document}/changes/{n}</c>: one change, clause by clause with its topics,
/// then inline and side by side, with word-level highlights.
/// </summary>
internal static class ChangePage
{
    public static async Task<IResult> RenderAsync(ArchiveReader reader, string company, string id, int number, CancellationToken ct)
    {
        if (await reader.LocateAsync(company, id, ct) is not var (companyView, document)) return Layout.NoDocument(company, id);
        var changes = await reader.ChangesAsync(document.Key, ct);
        var numbered = changes.FirstOrDefault(c => c.Number == number);
        if (numbered is null) return Layout.NotFound($"{document.Key} has no change {number} (it has {changes.Count}).");
        var change = numbered.Change;
        var before = await reader.Catalog.GetVersionAsync(document.Key, change.FromVersion, ct);
        var after = await reader.Catalog.GetVersionAsync(document.Key, change.ToVersion, ct);
        if (before is null || after is null) return Layout.NotFound($"{document.Key}: the versions of change {number} are not in the current history.");
        var oldText = await reader.ReadTextAsync(before, ct);
        var newText = await reader.ReadTextAsync(after, ct);
        var diff = DiffView.Render(oldText, newText);
        var insight = ChangeInsight.Of(oldText, newText, SiteTopics.Lexicon);

        var label = Badges.DocumentLabel(document);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(label)).Append(": v").Append(change.FromVersion).Append(" → v").Append(change.ToVersion).Append("</h1>\n");
        html.Append("<p class=\"lede\">Recorded ").Append(Html.TimeTag(change.At)).Append(" · lines ").Append(Badges.Counts(change.LinesAdded, change.LinesRemoved))
            .Append(" · words ").Append(Badges.Counts(change.WordsAdded, change.WordsRemoved));
        if (change.Technical) html.Append(" · <span class=\"badge technical\">technical</span> (extraction changed, not the company's text)");
        if (insight.Topics.Count > 0)
            html.Append(" · topics ").AppendJoin(" ", insight.Topics.Select(t => $"<a class=\"badge topic\" href=\"#clauses\" data-topic=\"{Html.E(t)}\">{Html.E(SiteTopics.Label(t))}</a>"));
        html.Append("</p>\n<p><a href=\"").Append(Html.VersionPath(document.Key, before.Number)).Append("\">version ").Append(before.Number).Append("</a> (").Append(Html.TimeTag(before.CapturedAt))
            .Append(") → <a href=\"").Append(Html.VersionPath(document.Key, after.Number)).Append("\">version ").Append(after.Number).Append("</a> (").Append(Html.TimeTag(after.CapturedAt)).Append(")</p>\n");
        html.Append("<nav class=\"pager\">");
        if (number > 1) html.Append("<a rel=\"prev\" href=\"").Append(Html.ChangePath(document.Key, number - 1)).Append("\">← previous change</a> ");
        if (number < changes.Count) html.Append("<a rel=\"next\" href=\"").Append(Html.ChangePath(document.Key, number + 1)).Append("\">next change →</a>");
        html.Append("</nav>\n");
        html.Append(await SidesAsync(reader, document.Key, before, after, ct));
        html.Append("<h2 id=\"clauses\">Clauses</h2>\n<div class=\"scroll\">").Append(ClauseList.Render(insight, document.Language)).Append("</div>\n");
        html.Append("<h2>Inline</h2>\n<div class=\"scroll\" lang=\"").Append(Html.E(document.Language)).Append("\">").Append(diff.Inline).Append("</div>\n");
        html.Append("<h2>Side by side</h2>\n<div class=\"scroll\" lang=\"").Append(Html.E(document.Language)).Append("\">").Append(diff.SideBySide).Append("</div>\n");
        var crumbs = DocumentPage.Crumbs(companyView, document).Append(new Layout.Crumb(Html.ChangePath(document.Key, number), $"change {number}")).ToList();
        return Layout.Page($"{label}: change {number}", html.ToString(), crumbs, $"/companies/{Html.U(companyView.Id)}/feed.atom");
    }

    /// <summary>Each side as it was seen (its screenshot, when one was taken) and the evidence bundle that proves it.</summary>
    private static async Task<string> SidesAsync(ArchiveReader reader, string key, Storage.DocumentVersion before, Storage.DocumentVersion after, CancellationToken ct)
    {
        var html = new StringBuilder("<div class=\"sides\">\n");
        foreach (var (side, version) in new[] { ("Before", before), ("After", after) })
        {
            var snapshot = await reader.Catalog.GetSnapshotAsync(version.ObservationId, ct);
            html.Append("<figure><figcaption>").Append(side).Append(": version ").Append(version.Number).Append(", captured ").Append(Html.TimeTag(version.CapturedAt))
                .Append(" · <a href=\"").Append(Html.DocumentPath(key)).Append("/evidence?at=").Append(Html.U(Storage.Instant.Format(version.CapturedAt)))
                .Append("\" download>evidence bundle</a> · <a href=\"").Append(Html.SnapshotPath(key, version.ObservationId)).Append("\">snapshot</a></figcaption>");
            if (snapshot?.ScreenshotSha256 is not null)
                html.Append("<a href=\"").Append(Html.SnapshotPath(key, version.ObservationId)).Append("/screenshot\"><img loading=\"lazy\" alt=\"").Append(side)
                    .Append(": the page as captured\" src=\"").Append(Html.SnapshotPath(key, version.ObservationId)).Append("/screenshot\"></a>");
            else html.Append("<p class=\"muted\">No screenshot of this capture (").Append(snapshot is null ? "no snapshot" : "a file, or an import").Append(").</p>");
            html.Append("</figure>\n");
        }
        return html.Append("</div>\n").ToString();
    }
}

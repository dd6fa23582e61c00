using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Insight;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/companies/{company}/{document}/changes/{n}</c>: one change, clause by clause with its topics,
/// then inline and side by side, with word-level highlights.
/// </summary>
internal static class ChangePage
{
    public static async Task<IResult> RenderAsync(ArchiveReader reader, string company, string id, int number, CancellationToken ct)
    {
        var t = SiteText.Current;
        if (await reader.LocateAsync(company, id, ct) is not var (companyView, document)) return Layout.NoDocument(company, id);
        var changes = await reader.ChangesAsync(document.Key, ct);
        var numbered = changes.FirstOrDefault(c => c.Number == number);
        if (numbered is null) return Layout.NotFound(SiteText.F(t.NoChange, document.Key, number, changes.Count));
        var change = numbered.Change;
        var before = await reader.Catalog.GetVersionAsync(document.Key, change.FromVersion, ct);
        var after = await reader.Catalog.GetVersionAsync(document.Key, change.ToVersion, ct);
        if (before is null || after is null) return Layout.NotFound(SiteText.F(t.ChangeVersionsMissing, document.Key, number));
        var oldText = await reader.ReadTextAsync(before, ct);
        var newText = await reader.ReadTextAsync(after, ct);
        var diff = DiffView.Render(oldText, newText);
        var insight = ChangeInsight.Of(oldText, newText, SiteTopics.Lexicon);

        var label = Badges.DocumentLabel(document);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(label)).Append(": v").Append(change.FromVersion).Append(" → v").Append(change.ToVersion).Append("</h1>\n");
        html.Append("<p class=\"lede\">").Append(Html.Fill(t.Recorded, Html.TimeTag(change.At))).Append(" · ").Append(Html.E(t.LinesLower)).Append(' ').Append(Badges.Counts(change.LinesAdded, change.LinesRemoved))
            .Append(" · ").Append(Html.E(t.WordsLower)).Append(' ').Append(Badges.Counts(change.WordsAdded, change.WordsRemoved));
        if (change.Technical) html.Append(" · ").Append(Badges.Technical).Append(' ').Append(Html.E(t.TechnicalNote));
        if (insight.Topics.Count > 0)
            html.Append(" · ").Append(Html.E(t.TopicsLower)).Append(' ').AppendJoin(" ", insight.Topics.Select(topic => $"<a class=\"badge topic\" href=\"#clauses\" data-topic=\"{Html.E(topic)}\">{Html.E(SiteText.Current.TopicLabel(topic))}</a>"));
        html.Append("</p>\n<p><a href=\"").Append(Html.VersionPath(document.Key, before.Number)).Append("\">").Append(Html.E(SiteText.F(t.VersionN, before.Number))).Append("</a> (").Append(Html.TimeTag(before.CapturedAt))
            .Append(") → <a href=\"").Append(Html.VersionPath(document.Key, after.Number)).Append("\">").Append(Html.E(SiteText.F(t.VersionN, after.Number))).Append("</a> (").Append(Html.TimeTag(after.CapturedAt)).Append(")</p>\n");
        html.Append("<nav class=\"pager\">");
        if (number > 1) html.Append("<a rel=\"prev\" href=\"").Append(Html.ChangePath(document.Key, number - 1)).Append("\">").Append(Html.E(t.PreviousChange)).Append("</a> ");
        if (number < changes.Count) html.Append("<a rel=\"next\" href=\"").Append(Html.ChangePath(document.Key, number + 1)).Append("\">").Append(Html.E(t.NextChange)).Append("</a>");
        html.Append("</nav>\n");
        html.Append(await SidesAsync(reader, document.Key, before, after, ct));
        html.Append("<h2 id=\"clauses\">").Append(Html.E(t.Clauses)).Append("</h2>\n<div class=\"scroll\">").Append(ClauseList.Render(insight, document.Language)).Append("</div>\n");
        html.Append("<h2>").Append(Html.E(t.Inline)).Append("</h2>\n<div class=\"scroll\" lang=\"").Append(Html.E(document.Language)).Append("\">").Append(diff.Inline).Append("</div>\n");
        html.Append("<h2>").Append(Html.E(t.SideBySide)).Append("</h2>\n<div class=\"scroll\" lang=\"").Append(Html.E(document.Language)).Append("\">").Append(diff.SideBySide).Append("</div>\n");
        var changeLabel = SiteText.F(t.ChangeN, number);
        var crumbs = DocumentPage.Crumbs(companyView, document).Append(new Layout.Crumb(Html.ChangePath(document.Key, number), changeLabel)).ToList();
        return Layout.Page($"{label}: {changeLabel}", html.ToString(), crumbs, $"/companies/{Html.U(companyView.Id)}/feed.atom");
    }

    /// <summary>Each side as it was seen (its screenshot, when one was taken) and the evidence bundle that proves it.</summary>
    private static async Task<string> SidesAsync(ArchiveReader reader, string key, Model.DocumentVersion before, Model.DocumentVersion after, CancellationToken ct)
    {
        var t = SiteText.Current;
        var html = new StringBuilder("<div class=\"sides\">\n");
        foreach (var (side, version) in new[] { (t.BeforeSide, before), (t.AfterSide, after) })
        {
            var snapshot = await reader.Catalog.GetSnapshotAsync(version.ObservationId, ct);
            html.Append("<figure><figcaption>").Append(Html.Fill(t.SideCaption, Html.E(side), version.Number, Html.TimeTag(version.CapturedAt)))
                .Append(" · <a href=\"").Append(Html.DocumentPath(key)).Append("/evidence?at=").Append(Html.U(Model.Instant.Format(version.CapturedAt)))
                .Append("\" download>").Append(Html.E(t.EvidenceBundle)).Append("</a> · <a href=\"").Append(Html.SnapshotPath(key, version.ObservationId)).Append("\">").Append(Html.E(t.SnapshotLower)).Append("</a></figcaption>");
            if (snapshot?.ScreenshotSha256 is { } shot)
                html.Append(SnapshotPage.Screenshot(Html.SnapshotPath(key, version.ObservationId) + "/screenshot",
                    await ScreenshotKind.OfStoredAsync(reader.Archive.Blobs, shot, ct), SiteText.F(t.PageAsCaptured, side), lazy: true));
            else html.Append("<p class=\"muted\">").Append(Html.E(SiteText.F(t.NoScreenshot, snapshot is null ? t.NoSnapshotReason : t.FileOrImport))).Append("</p>");
            html.Append("</figure>\n");
        }
        return html.Append("</div>\n").ToString();
    }
}

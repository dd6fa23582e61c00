using System.Text;
using PolicyArchiver.Insight.Discovery;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// "Can a visitor find it?": for each document, whether the company's homepage links it and how
/// many clicks away, since when, and the policy links targets.json does not track — from the
/// discoveries recorded by <c>discover</c>.
/// </summary>
internal static class DiscoverySection
{
    public static async Task<string> RenderAsync(ArchiveReader reader, CompanyView company, CancellationToken ct)
    {
        var records = await reader.Catalog.GetDiscoveriesAsync(company.Id, ct);
        var html = new StringBuilder("<h2>Found from the homepage</h2>\n");
        var latest = records.LastOrDefault();
        if (latest is null) return html.Append("<p class=\"muted\">Not looked at yet: <code>policyarchiver discover --only ").Append(Html.E(company.Id)).Append("</code>.</p>\n").ToString();
        var report = DiscoveryJson.Read(latest);
        html.Append("<p class=\"lede\">Homepage and its language variants read ").Append(Html.TimeTag(latest.At));
        if (report.Outcome != Outcome.Ok) return html.Append(": ").Append(Badges.Outcome(report.Outcome)).Append(' ').Append(Html.E(report.Detail)).Append("</p>\n").ToString();
        html.Append(" (").Append(report.Pages.Count).Append(" pages).</p>\n<table class=\"discovery\"><thead><tr><th>Document</th><th>From the homepage</th><th>Since</th></tr></thead><tbody>\n");
        var spans = LinkHistory.Of(records);
        foreach (var d in report.Documents)
        {
            var since = spans.LastOrDefault(s => s.Document == d.Document)?.Since;
            html.Append("<tr><td><a href=\"").Append(Html.DocumentPath(d.Document)).Append("\">").Append(Html.E(d.Document.Split('/')[1])).Append("</a></td><td>");
            html.Append(d.Linked ? $"<span class=\"badge ok\">linked</span> {LinkHistory.Clicks(d.Depth)}" : "<span class=\"badge down\">not linked</span>");
            html.Append("</td><td>").Append(since is { } s ? Html.TimeTag(s) : "").Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        var candidates = report.Candidates.ToList();
        if (candidates.Count > 0)
        {
            html.Append("<p>Policy links not in targets.json:</p>\n<ul>\n");
            foreach (var c in candidates)
                html.Append("<li>").Append(Html.E(c.Type)).Append(" (").Append(Html.E(c.Language)).Append(") «").Append(Html.E(c.Text)).Append("» <code>").Append(Html.E(c.Url)).Append("</code>, ")
                    .Append(LinkHistory.Clicks(c.Depth)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        return html.ToString();
    }
}

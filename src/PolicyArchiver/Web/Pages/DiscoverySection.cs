using System.Text;
using PolicyArchiver.Insight.Discovery;
using PolicyArchiver.Storage;
using PolicyArchiver.Web.Localization;

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
        var t = SiteText.Current;
        var records = await reader.Catalog.GetDiscoveriesAsync(company.Id, ct);
        var html = new StringBuilder("<h2>").Append(Html.E(t.FoundFromHomepage)).Append("</h2>\n");
        var latest = records.LastOrDefault();
        if (latest is null) return html.Append("<p class=\"muted\">").Append(Html.E(t.NotLookedAtYet)).Append(" <code>policyarchiver discover --only ").Append(Html.E(company.Id)).Append("</code>.</p>\n").ToString();
        var report = DiscoveryJson.Read(latest);
        html.Append("<p class=\"lede\">").Append(Html.Fill(t.HomepageRead, Html.TimeTag(latest.At)));
        if (report.Outcome != Outcome.Ok.ToWire()) return html.Append(": ").Append(Badges.Outcome(report.Outcome)).Append(' ').Append(Html.E(report.Detail)).Append("</p>\n").ToString();
        html.Append(' ').Append(Html.E(SiteText.F(t.PagesRead, report.Pages.Count))).Append(".</p>\n<table class=\"discovery\"><thead><tr><th>").Append(Html.E(t.Document)).Append("</th><th>")
            .Append(Html.E(t.FromTheHomepage)).Append("</th><th>").Append(Html.E(t.SinceColumn)).Append("</th></tr></thead><tbody>\n");
        var spans = LinkHistory.Of(records);
        foreach (var d in report.Documents)
        {
            var since = spans.LastOrDefault(s => s.Document == d.Document)?.Since;
            html.Append("<tr><td><a href=\"").Append(Html.DocumentPath(d.Document)).Append("\">").Append(Html.E(d.Document.Split('/')[1])).Append("</a></td><td>");
            html.Append(d.Linked ? $"<span class=\"badge ok\">{Html.E(t.Linked)}</span> {Clicks(d.Depth)}" : $"<span class=\"badge down\">{Html.E(t.NotLinked)}</span>");
            html.Append("</td><td>").Append(since is { } s ? Html.TimeTag(s) : "").Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        var candidates = report.Candidates.ToList();
        if (candidates.Count > 0)
        {
            html.Append("<p>").Append(Html.E(t.UntrackedPolicyLinks)).Append("</p>\n<ul>\n");
            foreach (var c in candidates)
                html.Append("<li>").Append(Html.E(c.Type)).Append(" (").Append(Html.E(c.Language)).Append(") «").Append(Html.E(c.Text)).Append("» <code>").Append(Html.E(c.Url)).Append("</code>, ")
                    .Append(Clicks(c.Depth)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        return html.ToString();
    }

    private static string Clicks(int? depth) => Html.E(SiteText.F(depth == 1 ? SiteText.Current.ClickOne : SiteText.Current.ClickMany, depth));
}

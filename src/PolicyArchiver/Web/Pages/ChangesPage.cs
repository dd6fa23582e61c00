using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary><c>/changes</c>: the change registry across every company, newest first, filtered and paged.</summary>
internal static class ChangesPage
{
    private const int PerPage = 100;

    public static async Task<IResult> RenderAsync(HttpContext http, ArchiveReader reader, CancellationToken ct)
    {
        var t = SiteText.Current;
        var (filter, problem) = ChangeFilter.Of(http.Request.Query);
        if (problem is not null) return Layout.BadRequest(problem);
        var pageText = http.Request.Query["page"].FirstOrDefault();
        var page = 1;
        if (pageText is not null && (!int.TryParse(pageText, CultureInfo.InvariantCulture, out page) || page < 1)) return Layout.BadRequest($"page=\"{pageText}\": a whole number from 1");

        var companies = await reader.CompaniesAsync(ct);
        var (total, changes) = await ChangeRegistry.FindAsync(reader, filter, (page - 1) * PerPage, PerPage, oldestFirst: false, ct);
        var pages = Math.Max(1, (total + PerPage - 1) / PerPage);
        if (page > pages) return Layout.NotFound(SiteText.F(t.NoSuchPage, pages));

        var html = new StringBuilder("<h1>").Append(Html.E(t.Changes)).Append("</h1>\n<p>").Append(Html.E(t.ChangesLede)).Append(" <a href=\"/feed.atom\">").Append(Html.E(t.SubscribeAtom)).Append("</a>. ");
        html.Append(Html.E(t.SameListAsJson)).Append(" <a href=\"/api/changes").Append(Html.E(filter.Query())).Append("\">/api/changes</a>.</p>\n");
        html.Append(FilterForm.Render(filter, companies));
        if (total == 0)
        {
            html.Append("<p class=\"muted\">").Append(Html.E(filter == ChangeFilter.All ? t.NoChangeYet : t.NoChangeMatches)).Append("</p>");
            return Layout.Page(t.Changes, html.ToString());
        }
        html.Append("<p class=\"muted\">").Append(Html.E(SiteText.F(total == 1 ? t.ChangeCountOne : t.ChangeCountMany, total)))
            .Append(pages > 1 ? ", " + Html.E(SiteText.F(t.PageOfPages, page, pages)) : "").Append(".</p>\n");
        html.Append("<table class=\"changes\"><thead><tr>").Append(string.Concat(new[] { t.Company, t.Document, t.When, t.Change, t.Lines, t.Words, t.Topics }.Select(h => $"<th>{Html.E(h)}</th>")))
            .Append("</tr></thead><tbody>\n");
        foreach (var c in changes)
        {
            html.Append("<tr><td><a href=\"/companies/").Append(Html.U(c.Company.Id)).Append("\">").Append(Html.E(c.Company.Name)).Append("</a></td>");
            var row = Badges.ChangeRow(c.Numbered, Badges.DocumentLabel(c.Document))[4..];
            html.Append(row[..row.LastIndexOf("</tr>", StringComparison.Ordinal)]);
            html.Append("<td>").Append(string.Join(", ", c.Topics.Select(topic => $"<a href=\"/changes{Html.E((filter with { Topic = topic }).Query())}\">{Html.E(SiteText.Current.TopicLabel(topic))}</a>"))).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        if (pages > 1)
        {
            html.Append("<nav class=\"pager\" aria-label=\"").Append(Html.E(t.Pages)).Append("\">");
            if (page > 1) html.Append("<a rel=\"prev\" href=\"/changes").Append(Html.E(filter.Query(("page", (page - 1).ToString(CultureInfo.InvariantCulture))))).Append("\">").Append(Html.E(t.Newer)).Append("</a> ");
            html.Append(Html.E(SiteText.F(t.PageOfPages, page, pages)));
            if (page < pages) html.Append(" <a rel=\"next\" href=\"/changes").Append(Html.E(filter.Query(("page", (page + 1).ToString(CultureInfo.InvariantCulture))))).Append("\">").Append(Html.E(t.Older)).Append("</a>");
            html.Append("</nav>\n");
        }
        return Layout.Page(t.Changes, html.ToString());
    }
}

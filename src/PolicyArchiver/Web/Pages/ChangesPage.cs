using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Web.Pages;

/// <summary><c>/changes</c>: the change registry across every company, newest first, filtered and paged.</summary>
internal static class ChangesPage
{
    private const int PerPage = 100;

    public static async Task<IResult> RenderAsync(HttpContext http, ArchiveReader reader, CancellationToken ct)
    {
        var (filter, problem) = ChangeFilter.Of(http.Request.Query);
        if (problem is not null) return Layout.BadRequest(problem);
        var pageText = http.Request.Query["page"].FirstOrDefault();
        var page = 1;
        if (pageText is not null && (!int.TryParse(pageText, CultureInfo.InvariantCulture, out page) || page < 1)) return Layout.BadRequest($"page=\"{pageText}\": a whole number from 1");

        var companies = await reader.CompaniesAsync(ct);
        var (total, changes) = await ChangeRegistry.FindAsync(reader, filter, (page - 1) * PerPage, PerPage, oldestFirst: false, ct);
        var pages = Math.Max(1, (total + PerPage - 1) / PerPage);
        if (page > pages) return Layout.NotFound($"There are {pages} page(s) of changes for this filter.");

        var html = new StringBuilder("<h1>Changes</h1>\n<p>Every change of every document, newest first. <a href=\"/feed.atom\">Subscribe (Atom)</a>. ");
        html.Append("The same list as JSON: <a href=\"/api/changes").Append(Html.E(filter.Query())).Append("\">/api/changes</a>.</p>\n");
        html.Append(FilterForm.Render(filter, companies));
        if (total == 0)
        {
            html.Append(filter == ChangeFilter.All ? "<p class=\"muted\">No change recorded yet.</p>" : "<p class=\"muted\">No change matches this filter.</p>");
            return Layout.Page("Changes", html.ToString());
        }
        html.Append("<p class=\"muted\">").Append(total).Append(total == 1 ? " change" : " changes").Append(pages > 1 ? $", page {page} of {pages}" : "").Append(".</p>\n");
        html.Append("<table class=\"changes\"><thead><tr><th>Company</th><th>Document</th><th>When</th><th>Change</th><th>Lines</th><th>Words</th><th>Topics</th></tr></thead><tbody>\n");
        foreach (var c in changes)
        {
            html.Append("<tr><td><a href=\"/companies/").Append(Html.U(c.Company.Id)).Append("\">").Append(Html.E(c.Company.Name)).Append("</a></td>");
            var row = Badges.ChangeRow(c.Numbered, Badges.DocumentLabel(c.Document))[4..];
            html.Append(row[..row.LastIndexOf("</tr>", StringComparison.Ordinal)]);
            html.Append("<td>").Append(string.Join(", ", c.Topics.Select(t => $"<a href=\"/changes{Html.E((filter with { Topic = t }).Query())}\">{Html.E(SiteTopics.Label(t))}</a>"))).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        if (pages > 1)
        {
            html.Append("<nav class=\"pager\" aria-label=\"pages\">");
            if (page > 1) html.Append("<a rel=\"prev\" href=\"/changes").Append(Html.E(filter.Query(("page", (page - 1).ToString(CultureInfo.InvariantCulture))))).Append("\">← newer</a> ");
            html.Append("page ").Append(page).Append(" of ").Append(pages);
            if (page < pages) html.Append(" <a rel=\"next\" href=\"/changes").Append(Html.E(filter.Query(("page", (page + 1).ToString(CultureInfo.InvariantCulture))))).Append("\">older →</a>");
            html.Append("</nav>\n");
        }
        return Layout.Page("Changes", html.ToString());
    }
}

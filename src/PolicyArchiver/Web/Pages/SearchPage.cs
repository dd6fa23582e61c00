using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Search;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/search</c>: full-text search over every version of every document, a plain GET form with the
/// filters of <c>/changes</c>. Each result says where the words are, since when (the change that
/// brought them) and until when (the change that removed them).
/// </summary>
internal static class SearchPage
{
    private const int PerPage = 20;

    public static async Task<IResult> RenderAsync(HttpContext http, ArchiveReader reader, CancellationToken ct)
    {
        var (request, problem) = SearchRequest.Of(http.Request.Query);
        if (problem is not null) return Layout.BadRequest(problem);
        var pageText = http.Request.Query["page"].FirstOrDefault();
        var page = 1;
        if (pageText is not null && (!int.TryParse(pageText, CultureInfo.InvariantCulture, out page) || page < 1)) return Layout.BadRequest($"page=\"{pageText}\": a whole number from 1");

        var companies = await reader.CompaniesAsync(ct);
        var html = new StringBuilder("<h1>Search</h1>\n<p class=\"lede\">Every version of every document. A word also finds its other forms (");
        html.Append("<i>хран</i> finds хранение and хранит, <i>дерек</i> finds деректерін); put a phrase in \"quotes\". ");
        html.Append("Dates keep the versions in force in that window.</p>\n");
        html.Append(Form(request, companies));
        if (request.Query is null) return Layout.Page("Search", html.ToString());

        var found = await ArchiveSearch.FindAsync(reader, request.Query, request.Filter, (page - 1) * PerPage, PerPage, null, ct);
        var pages = Math.Max(1, (found.Total + PerPage - 1) / PerPage);
        if (page > pages) return Layout.NotFound($"There are {pages} page(s) of results for this search.");
        html.Append("<p class=\"muted\">The same results as JSON: <a href=\"/api/search").Append(Html.E(request.QueryString())).Append("\">/api/search</a>.</p>\n");
        if (found.Total == 0)
        {
            html.Append("<p class=\"muted\" id=\"no-match\">No document matches ").Append(Html.E(request.Text)).Append(request.Filter == ChangeFilter.All ? "" : " with these filters").Append(".</p>\n");
            return Layout.Page("Search", html.ToString());
        }
        html.Append("<p class=\"muted\" id=\"match-count\">").Append(found.Total).Append(found.Total == 1 ? " document matches" : " documents match")
            .Append(pages > 1 ? $", page {page} of {pages}" : "").Append(".</p>\n<ol class=\"results\">\n");
        foreach (var f in found.Found) html.Append(Result(f));
        html.Append("</ol>\n");
        if (pages > 1)
        {
            html.Append("<nav class=\"pager\" aria-label=\"pages\">");
            if (page > 1) html.Append("<a rel=\"prev\" href=\"/search").Append(Html.E(request.QueryString(("page", SearchRequest.Number(page - 1))))).Append("\">← previous</a> ");
            html.Append("page ").Append(page).Append(" of ").Append(pages);
            if (page < pages) html.Append(" <a rel=\"next\" href=\"/search").Append(Html.E(request.QueryString(("page", SearchRequest.Number(page + 1))))).Append("\">next →</a>");
            html.Append("</nav>\n");
        }
        return Layout.Page($"Search: {request.Text}", html.ToString());
    }

    /// <summary>The search box and the filters, every choice taken from the archive.</summary>
    private static string Form(SearchRequest request, IReadOnlyList<CompanyView> companies)
    {
        var filter = request.Filter;
        var documents = companies.SelectMany(c => c.Documents).ToList();
        var html = new StringBuilder("<form class=\"filters search\" method=\"get\" action=\"/search\" role=\"search\">\n");
        html.Append("<label>Words or \"a phrase\" <input type=\"search\" name=\"q\" value=\"").Append(Html.E(request.Text ?? "")).Append("\" required></label>\n");
        FilterForm.Select(html, "company", "Company", filter.Company, companies.Select(c => (c.Id, c.Name)));
        FilterForm.Select(html, "sector", "Sector", filter.Sector, companies.Select(c => c.Sector).Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal).Select(s => (s, s)));
        FilterForm.Select(html, "type", "Document type", filter.Type, documents.Select(d => d.Type).Distinct().Order(StringComparer.Ordinal).Select(t => (t, t)));
        FilterForm.Select(html, "language", "Language", filter.Language, documents.Select(d => d.Language).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal).Select(l => (l, l)));
        FilterForm.Date(html, "from", "In force from", filter.From);
        FilterForm.Date(html, "to", "In force to", filter.To);
        html.Append("<button type=\"submit\">Search</button> <a href=\"/search\">clear</a>\n</form>\n");
        return html.ToString();
    }

    private static string Result(FoundDocument f)
    {
        var hit = f.Hit;
        var key = hit.Document;
        var html = new StringBuilder("<li class=\"result\">\n<h2><a href=\"/companies/").Append(Html.U(f.Company.Id)).Append("\">").Append(Html.E(f.Company.Name)).Append("</a> · ");
        html.Append("<a href=\"").Append(Html.E(Html.DocumentPath(key))).Append("\">").Append(Html.E(f.Document.Title ?? f.Document.Id)).Append("</a></h2>\n");
        html.Append("<p class=\"muted\">").Append(Html.E(key)).Append(" · ").Append(Html.E(f.Document.Type)).Append(" · ").Append(Html.E(Html.Language(f.Document.Language))).Append("</p>\n");
        if (hit.Snippet is { } snippet)
        {
            html.Append("<blockquote class=\"snippet\"><a href=\"").Append(Html.E(Html.VersionPath(key, snippet.Version))).Append("\">v").Append(snippet.Version).Append("</a>: ");
            var at = 0;
            foreach (var h in snippet.Highlights.OrderBy(h => h.Start))
            {
                html.Append(Html.E(snippet.Text[at..h.Start])).Append("<mark>").Append(Html.E(snippet.Text.Substring(h.Start, h.Length))).Append("</mark>");
                at = h.Start + h.Length;
            }
            html.Append(Html.E(snippet.Text[at..])).Append("</blockquote>\n");
        }
        html.Append("<p>In ").Append(hit.Versions.Count == 1 ? "version " : "versions ");
        html.AppendJoin(", ", hit.Versions.Select(v =>
            $"<a href=\"{Html.E(Html.VersionPath(key, v.Number))}\">v{v.Number}</a> ({Html.Date(v.ValidFrom)} – {(v.ValidUntil is { } u ? Html.Date(u) : "now")})"));
        html.Append("</p>\n<ul class=\"spans\">\n");
        foreach (var s in hit.Spans)
        {
            html.Append("<li>");
            html.Append(s.AppearedBy is { } by
                ? $"Appeared in <a href=\"{Html.E(Html.VersionPath(key, s.AppearedIn))}\">v{s.AppearedIn}</a> with <a href=\"{Html.E(Html.ChangePath(key, by))}\">change {by}</a> ({Html.TimeTag(s.AppearedAt)})"
                : $"Present since the first version, <a href=\"{Html.E(Html.VersionPath(key, s.AppearedIn))}\">v{s.AppearedIn}</a> ({Html.TimeTag(s.AppearedAt)})");
            html.Append(s.DisappearedIn is { } gone
                ? $"; disappeared in <a href=\"{Html.E(Html.VersionPath(key, gone))}\">v{gone}</a>{(s.DisappearedBy is { } c ? $" with <a href=\"{Html.E(Html.ChangePath(key, c))}\">change {c}</a>" : "")} ({Html.TimeTag(s.DisappearedAt!.Value)})"
                : "; still in the latest version");
            html.Append("</li>\n");
        }
        return html.Append("</ul>\n</li>\n").ToString();
    }
}

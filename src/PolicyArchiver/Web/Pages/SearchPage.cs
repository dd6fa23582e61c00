using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Search;
using PolicyArchiver.Web.Localization;

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

        var t = SiteText.Current;
        var companies = await reader.CompaniesAsync(ct);
        var html = new StringBuilder("<h1>").Append(Html.E(t.Search)).Append("</h1>\n<p class=\"lede\">");
        html.Append(Html.Fill(t.SearchLede, "<i>хран</i> → хранение, хранит; <i>дерек</i> → деректерін")).Append("</p>\n");
        html.Append(Form(request, companies));
        if (request.Query is null) return Layout.Page(t.Search, html.ToString());

        if (await http.RequestServices.GetRequiredService<SearchIndexUpkeep>().WaitAsync(ct) is { } building)
            html.Append("<p class=\"warning\" role=\"status\" id=\"index-building\">").Append(Html.E(SiteText.F(t.IndexBuilding, building.Indexed, building.Missing))).Append("</p>\n");
        var found = await ArchiveSearch.FindAsync(reader, request.Query, request.Filter, (page - 1) * PerPage, PerPage, null, ct, updateFirst: false);
        var pages = Math.Max(1, (found.Total + PerPage - 1) / PerPage);
        if (page > pages) return Layout.NotFound(SiteText.F(t.NoSuchResultsPage, pages));
        html.Append("<p class=\"muted\">").Append(Html.E(t.SameResultsAsJson)).Append(" <a href=\"/api/search").Append(Html.E(request.QueryString())).Append("\">/api/search</a>.</p>\n");
        if (found.Total == 0)
        {
            html.Append("<p class=\"muted\" id=\"no-match\">").Append(Html.Fill(request.Filter == ChangeFilter.All ? t.NoDocumentMatches : t.NoDocumentMatchesFiltered, Html.E(request.Text))).Append("</p>\n");
            return Layout.Page(t.Search, html.ToString());
        }
        html.Append("<p class=\"muted\" id=\"match-count\">").Append(Html.E(SiteText.F(found.Total == 1 ? t.MatchCountOne : t.MatchCountMany, found.Total)))
            .Append(pages > 1 ? ", " + Html.E(SiteText.F(t.PageOfPages, page, pages)) : "").Append(".</p>\n<ol class=\"results\">\n");
        foreach (var f in found.Found) html.Append(Result(f));
        html.Append("</ol>\n");
        if (pages > 1)
        {
            html.Append("<nav class=\"pager\" aria-label=\"").Append(Html.E(t.Pages)).Append("\">");
            if (page > 1) html.Append("<a rel=\"prev\" href=\"/search").Append(Html.E(request.QueryString(("page", SearchRequest.Number(page - 1))))).Append("\">").Append(Html.E(t.Previous)).Append("</a> ");
            html.Append(Html.E(SiteText.F(t.PageOfPages, page, pages)));
            if (page < pages) html.Append(" <a rel=\"next\" href=\"/search").Append(Html.E(request.QueryString(("page", SearchRequest.Number(page + 1))))).Append("\">").Append(Html.E(t.Next)).Append("</a>");
            html.Append("</nav>\n");
        }
        return Layout.Page(SiteText.F(t.SearchTitle, request.Text), html.ToString());
    }

    /// <summary>The search box and the filters, every choice taken from the archive.</summary>
    private static string Form(SearchRequest request, IReadOnlyList<CompanyView> companies)
    {
        var t = SiteText.Current;
        var filter = request.Filter;
        var documents = companies.SelectMany(c => c.Documents).ToList();
        var html = new StringBuilder("<form class=\"filters search\" method=\"get\" action=\"/search\" role=\"search\">\n");
        html.Append("<label>").Append(Html.E(t.SearchWordsLabel)).Append(" <input type=\"search\" name=\"q\" value=\"").Append(Html.E(request.Text ?? "")).Append("\" required></label>\n");
        FilterForm.Select(html, "company", t.Company, filter.Company, companies.Select(c => (c.Id, c.Name)));
        FilterForm.Select(html, "sector", t.Sector, filter.Sector, companies.Select(c => c.Sector).Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal).Select(s => (s, s)));
        FilterForm.Select(html, "type", t.DocumentType, filter.Type, documents.Select(d => d.Type).Distinct().Order(StringComparer.Ordinal).Select(type => (type, type)));
        FilterForm.Select(html, "language", t.Language, filter.Language, documents.Select(d => d.Language).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal).Select(l => (l, l)));
        FilterForm.Date(html, "from", t.InForceFromLabel, filter.From);
        FilterForm.Date(html, "to", t.InForceToLabel, filter.To);
        html.Append("<button type=\"submit\">").Append(Html.E(t.Search)).Append("</button> <a href=\"/search\">").Append(Html.E(t.Clear)).Append("</a>\n</form>\n");
        return html.ToString();
    }

    private static string Result(FoundDocument f)
    {
        var t = SiteText.Current;
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
        html.Append("<p>").Append(Html.E(hit.Versions.Count == 1 ? t.InVersion : t.InVersions)).Append(' ');
        html.AppendJoin(", ", hit.Versions.Select(v =>
            $"<a href=\"{Html.E(Html.VersionPath(key, v.Number))}\">v{v.Number}</a> ({Html.Date(v.ValidFrom)} – {(v.ValidUntil is { } u ? Html.Date(u) : Html.E(t.Now))})"));
        html.Append("</p>\n<ul class=\"spans\">\n");
        foreach (var s in hit.Spans)
        {
            html.Append("<li>");
            var appeared = VersionLink(key, s.AppearedIn);
            html.Append(s.AppearedBy is { } by
                ? Html.Fill(t.AppearedWith, appeared, ChangeLink(key, by), Html.TimeTag(s.AppearedAt))
                : Html.Fill(t.PresentSinceFirst, appeared, Html.TimeTag(s.AppearedAt)));
            if (s.DisappearedIn is not { } gone) html.Append(Html.E(t.StillInLatest));
            else if (s.DisappearedBy is { } c) html.Append(Html.Fill(t.DisappearedWith, VersionLink(key, gone), ChangeLink(key, c), Html.TimeTag(s.DisappearedAt!.Value)));
            else html.Append(Html.Fill(t.DisappearedIn, VersionLink(key, gone), Html.TimeTag(s.DisappearedAt!.Value)));
            html.Append("</li>\n");
        }
        return html.Append("</ul>\n</li>\n").ToString();
    }

    private static string VersionLink(string key, int version) => $"<a href=\"{Html.E(Html.VersionPath(key, version))}\">v{version}</a>";

    private static string ChangeLink(string key, int change) =>
        $"<a href=\"{Html.E(Html.ChangePath(key, change))}\">{Html.E(SiteText.F(SiteText.Current.ChangeN, change))}</a>";
}

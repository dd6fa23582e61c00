using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Storage;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/companies/{company}</c>: its documents as a type × language matrix (a missing Kazakh version
/// shows as a gap), its changelog, and a timeline of changes and outages per document.
/// </summary>
internal static class CompanyPage
{
    /// <summary>The state language first; these columns are always shown, so a gap is visible.</summary>
    private static readonly string[] Languages = ["kk", "ru", "en"];

    public static async Task<IResult> RenderAsync(ArchiveReader reader, string id, CancellationToken ct)
    {
        var t = SiteText.Current;
        var company = await reader.CompanyAsync(id, ct);
        if (company is null) return Layout.NotFound(SiteText.F(t.NoCompany, id));
        var availability = new Dictionary<string, Availability>();
        var rows = new List<Timeline.Row>();
        var changes = new List<NumberedChange>();
        foreach (var d in company.Documents)
        {
            availability[d.Key] = await reader.Catalog.GetAvailabilityAsync(d.Key, ct);
            var versions = await reader.Catalog.GetVersionsAsync(d.Key, ct);
            rows.Add(new Timeline.Row(d.Id, Html.DocumentPath(d.Key), await reader.Catalog.GetObservationsAsync(d.Key, ct), versions,
                v => Html.VersionPath(d.Key, v.Number)));
            changes.AddRange((await reader.ChangesAsync(d.Key, ct)).Where(c => !c.Change.Technical));
        }

        var coverage = (await new Insight.Coverage.CoverageBuilder(reader.Archive).CellsAsync(CoverageQueries.Covered(company), ct))
            .Where(c => c.Document is not null).ToDictionary(c => c.Document!);

        var feed = $"/companies/{Html.U(company.Id)}/feed.atom";
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(company.Name)).Append("</h1>\n<p class=\"lede\">");
        if (company.Sector.Length > 0) html.Append(Html.E(company.Sector)).Append(" · ");
        if (company.Homepage is { } home) html.Append("<a rel=\"nofollow noreferrer\" href=\"").Append(Html.E(home.ToString())).Append("\">").Append(Html.E(home.Host)).Append("</a> · ");
        html.Append("<a href=\"").Append(feed).Append("\">").Append(Html.E(t.CompanyFeed)).Append("</a> · <a href=\"/export?only=").Append(Html.U(company.Id)).Append("\">").Append(Html.E(t.ExportLower)).Append("</a></p>\n");

        html.Append(BlockedWarning(company, availability));
        html.Append("<h2>").Append(Html.E(t.Documents)).Append("</h2>\n").Append(Matrix(company, availability, coverage));
        html.Append("<h2>").Append(Html.E(t.Timeline)).Append("</h2>\n").Append(Timeline.Svg(rows));
        html.Append(await DiscoverySection.RenderAsync(reader, company, ct));
        html.Append("<h2>").Append(Html.E(t.Changelog)).Append("</h2>\n");
        if (changes.Count == 0) html.Append("<p class=\"muted\">").Append(Html.E(t.NoChangeYet)).Append("</p>\n");
        else
        {
            html.Append("<table><thead><tr>").Append(string.Concat(new[] { t.Document, t.When, t.Change, t.Lines, t.Words }.Select(h => $"<th>{Html.E(h)}</th>"))).Append("</tr></thead><tbody>\n");
            var labels = company.Documents.ToDictionary(d => d.Key, Badges.DocumentLabel);
            foreach (var c in changes.OrderByDescending(c => c.Change.At)) html.Append(Badges.ChangeRow(c, labels[c.Change.Document]));
            html.Append("</tbody></table>\n");
        }
        return Layout.Page(company.Name, html.ToString(), [new($"/companies/{Html.U(company.Id)}", company.Name)], feed);
    }

    /// <summary>The documents a wall now stands in front of, those never archived first: a company whose documents are blocked must not look covered.</summary>
    private static string BlockedWarning(CompanyView company, IReadOnlyDictionary<string, Availability> availability)
    {
        var blocked = company.Documents.Where(d => availability[d.Key].Blocked).OrderByDescending(d => availability[d.Key].NeverArchived).ToList();
        if (blocked.Count == 0) return "";
        var t = SiteText.Current;
        var html = new StringBuilder("<div class=\"warning\" role=\"alert\"><strong>");
        html.Append(Html.E(SiteText.F(blocked.Count == 1 ? t.BlockedDocumentsOne : t.BlockedDocumentsMany, blocked.Count, company.Documents.Count)))
            .Append("</strong>: ").Append(Html.E(t.BlockedExplained)).Append(' ');
        html.AppendJoin(", ", blocked.Select(d => $"<a href=\"{Html.DocumentPath(d.Key)}\">{Html.E(d.Id)}</a>{(availability[d.Key].NeverArchived ? $" ({Html.E(t.NeverArchived)})" : "")}"));
        return html.Append(".</div>\n").ToString();
    }

    private static string Matrix(CompanyView company, IReadOnlyDictionary<string, Availability> availability, IReadOnlyDictionary<string, Insight.Coverage.CoverageCell> coverage)
    {
        var t = SiteText.Current;
        var languages = Languages.Concat(company.Documents.Select(d => d.Language).Where(l => !Languages.Contains(l)).Distinct()).ToList();
        var html = new StringBuilder("<table class=\"matrix\"><thead><tr><th>").Append(Html.E(t.Type)).Append("</th>");
        foreach (var l in languages) html.Append("<th lang=\"").Append(Html.E(l)).Append("\">").Append(Html.E(Html.Language(l))).Append("</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var type in company.Documents.GroupBy(d => d.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.E(type.Key)).Append("</th>");
            foreach (var l in languages)
            {
                var documents = type.Where(d => d.Language == l).ToList();
                if (documents.Count == 0)
                {
                    html.Append("<td class=\"missing\">").Append(Html.E(t.Missing)).Append("</td>");
                    continue;
                }
                // Pages whose latest version is in another language than declared, with what they serve.
                var wrong = documents.Select(d => coverage.GetValueOrDefault(d.Key)).Where(c => c?.State == Insight.Coverage.CoverageStates.ServedInWrongLanguage)
                    .ToDictionary(c => c!.Document!, c => c!.Detected!);
                html.Append(wrong.Count > 0 ? "<td class=\"wrong-language\">" : "<td>");
                foreach (var d in documents)
                {
                    var a = availability[d.Key];
                    html.Append("<div><a href=\"").Append(Html.DocumentPath(d.Key)).Append("\">").Append(Html.E(d.Id)).Append("</a> ");
                    html.Append(a.LastAttempt is null ? $"<span class=\"badge none\">{Html.E(t.NotCaptured)}</span>" : Badges.Outcome(a.LastAttempt.Outcome));
                    if (a.Blocked && a.NeverArchived) html.Append(' ').Append(Badges.NeverArchived);
                    html.Append(" <span class=\"muted\">").Append(Html.E(SiteText.F(a.Versions == 1 ? t.VersionCountOne : t.VersionCountMany, a.Versions))).Append("</span>");
                    if (!d.Tracked) html.Append(" <span class=\"badge none\">").Append(Html.E(t.NoLongerTracked)).Append("</span>");
                    if (wrong.TryGetValue(d.Key, out var served))
                        html.Append(" <span class=\"badge wrong-language\" title=\"").Append(Html.E(served.Shares.ToString())).Append("\">").Append(Html.E(SiteText.F(t.Serves, served.Language))).Append("</span>");
                    html.Append("</div>");
                }
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</tbody></table>\n").ToString();
    }
}

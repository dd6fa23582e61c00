using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Insight.Coverage;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/coverage</c>: the rating's indicator F1a across every company — which core documents exist in
/// the state language and in Russian (and English), which are served in the wrong language, which
/// cannot be reached and which are missing — and <c>/coverage.csv</c>, the same table for a spreadsheet.
/// </summary>
internal static class CoveragePage
{
    /// <summary>The states in the order the counts are shown, with their names in the page's language.</summary>
    private static IReadOnlyList<(string State, string Label)> States(SiteText t) =>
    [
        (CoverageStates.Archived, t.Archived), (CoverageStates.ServedInWrongLanguage, t.WrongLanguage), (CoverageStates.Unreachable, t.Unreachable),
        (CoverageStates.NotCaptured, t.NotCapturedYet), (CoverageStates.Missing, t.Missing),
    ];

    public static async Task<IResult> RenderAsync(ArchiveReader reader, CancellationToken ct)
    {
        var t = SiteText.Current;
        var coverage = await CoverageQueries.CompaniesAsync(reader, null, ct);
        var languages = CoverageBuilder.StandardLanguages.Concat(coverage.SelectMany(c => c.Cells).Select(c => c.Language).Where(l => !CoverageBuilder.StandardLanguages.Contains(l))
            .Distinct().Order(StringComparer.Ordinal)).ToList();
        var html = new StringBuilder("<h1>").Append(Html.E(t.Coverage)).Append("</h1>\n<p>").Append(Html.E(t.CoverageLede)).Append(' ');
        html.Append("<a href=\"/coverage.csv\" download>").Append(Html.E(t.DownloadCsv)).Append("</a> · <a href=\"/api/coverage\">JSON</a>.</p>\n");
        var stateCounts = coverage.SelectMany(c => c.Cells).GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Count());
        html.Append("<p class=\"muted\">").AppendJoin(" · ", States(t).Select(s => $"{Badge(s.State)} {stateCounts.GetValueOrDefault(s.State)}")).Append("</p>\n");
        html.Append("<div class=\"scroll\"><table class=\"coverage\"><thead><tr><th>").Append(Html.E(t.Company)).Append("</th><th>").Append(Html.E(t.DocumentType)).Append("</th>");
        foreach (var language in languages) html.Append("<th>").Append(Html.E(Html.Language(language))).Append("</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var company in coverage)
        {
            var rows = company.Cells.GroupBy(c => c.Type).ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                html.Append("<tr>");
                if (i == 0)
                    html.Append("<th rowspan=\"").Append(rows.Count).Append("\"><a href=\"/companies/").Append(Html.U(company.Company)).Append("\">").Append(Html.E(company.Name)).Append("</a></th>");
                html.Append("<td>").Append(Html.E(rows[i].Key)).Append("</td>");
                foreach (var language in languages)
                {
                    html.Append("<td>");
                    foreach (var cell in rows[i].Where(c => c.Language == language))
                        html.Append(cell.Document is { } key ? $"<a href=\"{Html.DocumentPath(key)}\">{Badge(cell.State)}</a>" : Badge(cell.State)).Append(' ');
                    html.Append("</td>");
                }
                html.Append("</tr>\n");
            }
        }
        html.Append("</tbody></table></div>\n");
        return Layout.Page(t.Coverage, html.ToString());
    }

    public static async Task<IResult> CsvAsync(ArchiveReader reader, CancellationToken ct)
    {
        var csv = new StringBuilder("company,name,type,language,state,document,version,detected_language,share_kk,share_ru,share_en,last_outcome,since\r\n");
        foreach (var company in await CoverageQueries.CompaniesAsync(reader, null, ct))
            foreach (var c in company.Cells)
                csv.AppendJoin(',', new[]
                {
                    company.Company, company.Name, c.Type, c.Language, c.State, c.Document, c.Version?.ToString(CultureInfo.InvariantCulture), c.Detected?.Language,
                    Share(c.Detected?.Shares.Kk), Share(c.Detected?.Shares.Ru), Share(c.Detected?.Shares.En), c.LastOutcome,
                    c.Since is { } since ? Model.Instant.Format(since) : null,
                }.Select(Field)).Append("\r\n");
        // RFC 4180 text with a byte order mark, so that spreadsheet programs read the Kazakh and Russian names as UTF-8.
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "coverage.csv");
    }

    private static string Badge(string state) =>
        $"<span class=\"badge {Html.E(state)}\">{Html.E(States(SiteText.Current).FirstOrDefault(s => s.State == state).Label ?? state)}</span>";

    private static string? Share(double? share) => share?.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Field(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
